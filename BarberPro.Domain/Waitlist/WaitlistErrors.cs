using BarberPro.Domain.Common;

namespace BarberPro.Domain.Waitlist;

/// <summary>The waitlist's refusals: stable codes with their es-AR texts (English in the web app's resx as <c>Error.&lt;code&gt;</c>).</summary>
public static class WaitlistErrors
{
    public static readonly DomainError OfferExpired =
        new("waitlist.offer_expired", "La reserva de este turno venció: ya no está guardado para vos.");

    public static readonly DomainError NotOffered =
        new("waitlist.not_offered", "No tenés un turno ofrecido en esta lista de espera.");

    public static readonly DomainError NotLive =
        new("waitlist.not_live", "Esta anotación ya no está activa en la lista de espera.");

    public static readonly DomainError CustomerProfile =
        new("waitlist.customer_profile", "Completá tu perfil (nombre y teléfono) para anotarte en la lista de espera.");

    public static readonly DomainError DatePast =
        new("waitlist.date_past", "Esa fecha ya pasó.", "Date");

    public static readonly DomainError BeyondHorizon =
        new("waitlist.beyond_horizon", "El local todavía no toma turnos para esa fecha.", "Date");

    public static readonly DomainError Window =
        new("waitlist.window", "El horario \"desde\" tiene que ser anterior al horario \"hasta\".", "From");

    public static readonly DomainError Duplicate =
        new("waitlist.duplicate", "Ya estás en la lista de espera para ese día, servicio y horario.");

    public static readonly DomainError SlotAvailable =
        new("waitlist.slot_available", "Hay turnos libres en ese horario: reservalo directamente.");

    public static readonly DomainError ClosedDay =
        new("waitlist.closed_day", "Ese día no se atiende: elegí otro día.", "Date");

    public static readonly DomainError SessionNotFull =
        new("waitlist.session_not_full", "Todavía quedan lugares en esta clase: anotate directamente.", "SessionId");

    public static readonly DomainError SessionClosed =
        new("waitlist.session_closed", "Esta clase ya no toma participantes.", "SessionId");

    public static readonly DomainError AlreadyInSession =
        new("waitlist.already_in_session", "Ya estás anotado en esta clase.", "SessionId");

    public static readonly DomainError GroupOffering =
        new("waitlist.group_offering", "Este servicio se toma en clases grupales: anotate en la lista de espera de una clase.", "ServiceId");

    public static readonly DomainError ProviderRequired =
        new("waitlist.provider_required", "Elegí con qué profesional ofrecer el turno.", "ProviderId");

    public static readonly DomainError SessionByHand =
        new("waitlist.session_by_hand", "Los lugares en clases se ofrecen solos cuando se libera uno.");
}
