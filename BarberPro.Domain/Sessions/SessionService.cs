using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Sessions;

/// <summary>A request to open a group session of <paramref name="OfferingId"/> with <paramref name="ProviderId"/> at <paramref name="Start"/>.</summary>
/// <param name="Capacity">How many participants; null takes the offering's capacity. Between 2 and the offering's capacity.</param>
public sealed record NewSession(Guid ProviderId, Guid OfferingId, Instant Start, int? Capacity = null);

/// <summary>A session as anyone may see it: no participant data.</summary>
public sealed record SessionView(Guid Id, Guid ShopId, Guid ProviderId, string ProviderName, Guid OfferingId, string OfferingName,
    Instant Start, Instant End, int Capacity, int Participants, int PlacesLeft, GroupSessionStatus Status, DateTimeZone Zone);

/// <summary>One participant of a session, for the staff who run it.</summary>
public sealed record SessionParticipant(Guid BookingId, Guid CustomerId, string Name, string? Phone, BookingStatus Status, string? UserId);

/// <summary>A session and its participants (active seats first, then those marked absent or cancelled).</summary>
public sealed record SessionRoster(SessionView Session, IReadOnlyList<SessionParticipant> Participants);

/// <summary>A weekly occurrence that could not be opened, and why.</summary>
public sealed record SessionClash(Instant Start, DomainError Error);

/// <summary>
/// What a weekly opening did: every session opened (<see cref="Clashes"/> empty), or none (each clash listed) — never
/// some of them silently.
/// </summary>
public sealed record SessionBatch(IReadOnlyList<GroupSession> Opened, IReadOnlyList<SessionClash> Clashes)
{
    public bool AllOpened => Clashes.Count == 0;
}

/// <summary>
/// Group sessions: open (one or a weekly pattern), list, join, leave, see participants, change capacity, cancel.
/// Every write runs on <see cref="AgendaWriter"/> under the provider's calendar lock, so seats are counted
/// (<see cref="GroupSeats"/>) and taken in one step however many customers join at once, and a session and an
/// individual booking can never take the same time.
/// <para>
/// Capacity: a session takes between 2 and its offering's <see cref="Catalog.Offering.Capacity"/> participants
/// (the offering's capacity when not given); a change never goes below the seats already taken (participants and
/// live waitlist holds). Customers may join until the session starts (no minimum notice: a class fills up to the last
/// minute) and leave within the shop's cancellation window, as for any booking (<see cref="BookingLifecycle"/>).
/// </para>
/// </summary>
public sealed class SessionService(IDbContextFactory<BarberProDbContext> dbFactory, AgendaWriter writer, IClock clock)
{
    /// <summary>The most weeks one weekly opening covers.</summary>
    public const int MaxWeeks = 26;

    /// <summary>The longest range <see cref="ListAsync"/> answers, in days.</summary>
    public const int MaxListDays = 62;

    /// <summary>Opens one session. A taken or unavailable time is refused with the engine's code (<c>slot.taken</c>, <c>slot.outside_hours</c>…).</summary>
    public async Task<Result<GroupSession>> OpenAsync(NewSession request, Actor actor, CancellationToken ct = default)
    {
        var result = await OpenWeeklyAsync(request, 1, actor, ct);
        if (!result.Succeeded)
            return result.IsNotFound ? Result<GroupSession>.NotFound() : Result<GroupSession>.Refused(result.Error!);
        var batch = result.Value!;
        return batch.AllOpened ? Result<GroupSession>.Ok(batch.Opened[0]) : Result<GroupSession>.Refused(batch.Clashes[0].Error);
    }

    /// <summary>
    /// Opens a session at <paramref name="request"/>'s wall-clock time on the same weekday for <paramref name="weeks"/>
    /// weeks (the first at <see cref="NewSession.Start"/>), all or none: when any week clashes, nothing is opened and
    /// every clash is reported.
    /// </summary>
    public async Task<Result<SessionBatch>> OpenWeeklyAsync(NewSession request, int weeks, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return Result<SessionBatch>.NotFound();
        if (weeks < 1 || weeks > MaxWeeks)
            return new DomainError("session.weeks", $"Se pueden abrir clases de 1 a {MaxWeeks} semanas seguidas.", "Weeks");

        var result = await writer.RunAsync(new AgendaLock.Provider(request.ProviderId), async (db, now) =>
        {
            var zoneId = await db.Providers.Where(p => p.Id == request.ProviderId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
            if (zoneId is null)
                return AgendaDecision<Result<SessionBatch>>.Stop(Result<SessionBatch>.NotFound());
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var firstLocal = request.Start.InZone(zone).LocalDateTime;
            var starts = Enumerable.Range(0, weeks)
                .Select(w => AvailabilityEngine.Resolve(zone, firstLocal.PlusWeeks(w)))
                .ToList();
            starts[0] = request.Start;

            var agenda = await AgendaLoader.LoadAsync(db, request.ProviderId, request.OfferingId,
                firstLocal.Date, firstLocal.Date.PlusWeeks(weeks - 1), now, null, ct);
            if (agenda is null || !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop))
                return AgendaDecision<Result<SessionBatch>>.Stop(Result<SessionBatch>.NotFound());
            if (Unopenable(agenda) is { } refused)
                return AgendaDecision<Result<SessionBatch>>.Stop(refused);
            var capacity = request.Capacity ?? agenda.Offering.Capacity;
            if (capacity < 2 || capacity > agenda.Offering.Capacity)
                return AgendaDecision<Result<SessionBatch>>.Stop(CapacityRange(agenda.Offering.Capacity));

            var clashes = new List<SessionClash>();
            foreach (var start in starts)
            {
                var check = AvailabilityEngine.Check(agenda.Input, start, now, Booker.Staff);
                if (check != SlotCheck.Available)
                    clashes.Add(new SessionClash(start, check == SlotCheck.Taken ? Taken : check.ToError()!));
            }
            if (clashes.Count > 0)
                return AgendaDecision<Result<SessionBatch>>.Stop(Result<SessionBatch>.Ok(new SessionBatch([], clashes)));

            var opened = starts.Select(start => new GroupSession(agenda.Shop, agenda.Provider.Id, agenda.Offering, start, capacity, actor.UserId, now)).ToList();
            foreach (var session in opened)
            {
                db.GroupSessions.Add(session);
                db.Outbox.Add(Changed(session, now));
            }
            return AgendaDecision<Result<SessionBatch>>.Write(Result<SessionBatch>.Ok(new SessionBatch(opened, [])));
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
    }

    /// <summary>
    /// Open sessions of <paramref name="shopId"/> starting on the shop-local dates <paramref name="from"/> to
    /// <paramref name="to"/> (inclusive, at most <see cref="MaxListDays"/> days), by start. Anyone may list them.
    /// </summary>
    public async Task<Result<IReadOnlyList<SessionView>>> ListAsync(Guid shopId, LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        if (to < from)
            return new DomainError("session.range", "La fecha final debe ser igual o posterior a la inicial.", "To");
        if (Period.Between(from, to, PeriodUnits.Days).Days >= MaxListDays)
            return new DomainError("session.range_too_long", $"Se pueden consultar hasta {MaxListDays} días por vez.", "To");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
            return Result<IReadOnlyList<SessionView>>.NotFound();
        var sessions = await db.GroupSessions.AsNoTracking()
            .Where(s => s.ShopId == shopId && s.Status == GroupSessionStatus.Open && s.LocalStartDate >= from && s.LocalStartDate <= to)
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
        var views = new List<SessionView>(sessions.Count);
        foreach (var session in sessions)
            views.Add(await ViewAsync(db, session, shop, ct));
        return Result<IReadOnlyList<SessionView>>.Ok(views);
    }

    /// <summary>One session (open or cancelled) as anyone may see it; null when it does not exist.</summary>
    public async Task<SessionView?> FindAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
            return null;
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == session.ShopId, ct);
        return await ViewAsync(db, session, shop, ct);
    }

    /// <summary>The time zone of <paramref name="providerId"/>'s shop; null when the provider does not exist.</summary>
    public async Task<DateTimeZone?> ZoneOfProviderAsync(Guid providerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        return zoneId is null ? null : DateTimeZoneProviders.Tzdb[zoneId];
    }

    /// <summary>The time zone of shop <paramref name="shopId"/>; null when there is no such shop.</summary>
    public async Task<DateTimeZone?> ZoneOfShopAsync(Guid shopId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Shops.Where(s => s.Id == shopId).Select(s => s.TimeZoneId).SingleOrDefaultAsync(ct);
        return zoneId is null ? null : DateTimeZoneProviders.Tzdb[zoneId];
    }

    /// <summary>The ids of the sessions <paramref name="customerUserId"/> holds an active seat in, among <paramref name="sessionIds"/>.</summary>
    public async Task<IReadOnlyList<Guid>> JoinedAsync(string customerUserId, IReadOnlyCollection<Guid> sessionIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bookings.ThatAreActive()
            .Where(b => b.SessionId != null && sessionIds.Contains(b.SessionId.Value) && b.Customer!.UserId == customerUserId)
            .Select(b => b.SessionId!.Value)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Takes a seat for the signed-in customer: a seat booking at the session's time. A customer holding a live waitlist
    /// offer for the session takes the held seat (the entry becomes booked); anyone else gets one only while places are
    /// left (<c>session.full</c>) and only once (<c>session.already_joined</c>). <paramref name="acceptingEntryId"/> is the
    /// waitlist entry being accepted (<see cref="WaitlistService.AcceptAsync"/>): its hold must still be live under the lock
    /// (else <c>waitlist.offer_expired</c>), so an offer that ran out a moment ago never turns into an ordinary join ahead
    /// of the next entry in line.
    /// </summary>
    public async Task<BookingOutcome> JoinAsync(Guid sessionId, Actor actor, CancellationToken ct = default, Guid? acceptingEntryId = null)
    {
        if (actor.Role != ActorRole.Customer)
            return new BookingOutcome.Rejected(new("session.customers_only", "Solo los clientes se anotan en una clase."));
        if (await ProviderOfAsync(sessionId, ct) is not { } providerId)
            return new BookingOutcome.NotFound();

        var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, now) =>
        {
            var session = await LoadAsync(db, sessionId, ct);
            if (session is null)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.NotFound());
            if (session.Status != GroupSessionStatus.Open)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(Cancelled));
            if (session.Start <= now)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(Started));
            var provider = await db.Providers.Include(p => p.Shop).SingleAsync(p => p.Id == session.ProviderId, ct);
            if (AgendaSnapshot.Inactive(provider, session.Offering!) is { } inactive)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(inactive));
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.UserId == actor.UserId, ct);
            if (customer is null)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(
                    new("booking.customer_profile", "Completá tu perfil (nombre y teléfono) para reservar.", "CustomerId")));
            if (await db.Bookings.ThatAreActive().AnyAsync(b => b.SessionId == sessionId && b.CustomerId == customer.Id, ct))
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(AlreadyJoined));
            if (await ShopCustomers.AdmitOnlineAsync(db, provider.Shop!.Id, customer, actor, now, ct) is { } blocked)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(blocked));

            var offer = await db.WaitlistEntries.Where(WaitlistEntry.LiveAt(now))
                .Where(e => e.SessionId == sessionId && e.CustomerId == customer.Id && (acceptingEntryId == null || e.Id == acceptingEntryId))
                .OrderBy(e => e.CreatedAt)
                .FirstOrDefaultAsync(ct);
            if (acceptingEntryId is not null && offer is null)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(WaitlistErrors.OfferExpired));
            if (await GroupSeats.PlacesLeftAsync(db, session, now, ct, offer?.Id) == 0)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(Full));

            var shop = provider.Shop!;
            var booking = new Booking(shop, provider, session.Offering!, customer, session.Start, null, actor, now);
            booking.SeatIn(session);
            db.Bookings.Add(booking);
            offer?.MarkBooked(booking.Id, now);
            db.Outbox.Add(OutboxMessage.For(ChangeOf(booking, BookingChangeKind.Created), now));
            db.Outbox.Add(Changed(session, now));
            return AgendaDecision<BookingOutcome>.Write(new BookingOutcome.Succeeded(booking));
        }, ct);
        return result.Fault is { } fault ? BookingOutcome.Of(fault) : result.Value!;
    }

    /// <summary>
    /// Gives up the signed-in customer's seat (the cancellation window applies as to any booking); the freed place is
    /// offered to the session's waitlist in the same transaction.
    /// </summary>
    public async Task<BookingOutcome> LeaveAsync(Guid sessionId, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        if (await ProviderOfAsync(sessionId, ct) is not { } providerId)
            return new BookingOutcome.NotFound();
        var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, now) =>
        {
            var seat = await db.Bookings.ThatAreOpen().Include(b => b.Shop).Include(b => b.History)
                .Where(b => b.SessionId == sessionId && b.Customer!.UserId == actor.UserId)
                .FirstOrDefaultAsync(ct);
            if (seat is null || actor.Role != ActorRole.Customer)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(NotJoined));
            DomainError? refused;
            try
            {
                refused = seat.Apply(BookingAction.Cancel, actor, now, seat.Shop!.Policy.CancellationWindow, reason);
            }
            catch (DomainException e)
            {
                refused = e.Error;
            }
            if (refused is not null)
                return AgendaDecision<BookingOutcome>.Stop(new BookingOutcome.Rejected(refused));
            db.Outbox.Add(OutboxMessage.For(ChangeOf(seat, BookingChangeKind.Cancelled), now));
            await SeatCancelledAsync(db, seat, now, ct);
            return AgendaDecision<BookingOutcome>.Write(new BookingOutcome.Succeeded(seat));
        }, ct);
        return result.Fault is { } fault ? BookingOutcome.Of(fault) : result.Value!;
    }

    /// <summary>
    /// After a seat booking of a session was cancelled in <paramref name="db"/> (by <see cref="LeaveAsync"/> or by
    /// <see cref="BookingService.ApplyAsync"/>), under the provider's lock: the session's change goes to the outbox and the
    /// freed place to the waitlist.
    /// </summary>
    internal static async Task SeatCancelledAsync(BarberProDbContext db, Booking seat, Instant now, CancellationToken ct)
    {
        var session = await db.GroupSessions.SingleOrDefaultAsync(s => s.Id == seat.SessionId, ct);
        if (session is null || session.Status != GroupSessionStatus.Open)
            return;
        db.Outbox.Add(Changed(session, now));
        await WaitlistOffers.SeatFreedAsync(db, session, now, ct);
    }

    /// <summary>The session and its participants with phones, for staff who manage the provider's agenda; not found for anyone else.</summary>
    public async Task<Result<SessionRoster>> ParticipantsAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
            return Result<SessionRoster>.NotFound();
        var provider = await db.Providers.AsNoTracking().Include(p => p.Shop).SingleAsync(p => p.Id == session.ProviderId, ct);
        if (!actor.IsStaff || !Access.CanManageAgenda(actor, provider, provider.Shop!))
            return Result<SessionRoster>.NotFound();
        var participants = await db.Bookings.AsNoTracking()
            .Where(b => b.SessionId == sessionId)
            .OrderBy(b => b.Status == BookingStatus.Cancelled).ThenBy(b => b.CreatedAt)
            .Select(b => new SessionParticipant(b.Id, b.CustomerId, b.Customer!.FullName, b.Customer.Phone, b.Status, b.Customer.UserId))
            .ToListAsync(ct);
        return Result<SessionRoster>.Ok(new SessionRoster(await ViewAsync(db, session, provider.Shop!, ct), participants));
    }

    /// <summary>
    /// Changes how many participants the session takes: between 2 and the offering's capacity, never below the seats
    /// taken (participants and live waitlist holds). Growing offers the new places to the session's waitlist.
    /// </summary>
    public Task<Result<GroupSession>> ChangeCapacityAsync(Guid sessionId, int capacity, Actor actor, CancellationToken ct = default) =>
        ManageAsync(sessionId, actor, async (db, session, now) =>
        {
            if (capacity < 2 || capacity > session.Offering!.Capacity)
                return CapacityRange(session.Offering!.Capacity);
            var taken = await GroupSeats.ParticipantsAsync(db, session.Id, ct) + await GroupSeats.HeldAsync(db, session.Id, now, ct);
            if (capacity < taken)
                return new DomainError("session.capacity_below_participants",
                    $"La clase ya tiene {taken} lugares ocupados: la capacidad no puede ser menor.", "Capacity");
            var grew = capacity > session.Capacity;
            session.ChangeCapacity(capacity, now);
            db.Outbox.Add(Changed(session, now));
            if (grew)
                await WaitlistOffers.SeatFreedAsync(db, session, now, ct);
            return null;
        }, ct);

    /// <summary>Cancels the session and every seat in it (each participant's booking is cancelled, which tells them); frees the provider's time.</summary>
    public Task<Result<GroupSession>> CancelSessionAsync(Guid sessionId, Actor actor, string? reason = null, CancellationToken ct = default) =>
        ManageAsync(sessionId, actor, async (db, session, now) =>
        {
            if (session.End <= now)
                return new DomainError("session.past", "Esa clase ya terminó: no se puede cancelar.");
            var shop = await db.Shops.SingleAsync(s => s.Id == session.ShopId, ct);
            var seats = await db.Bookings.ThatAreOpen().Include(b => b.History)
                .Where(b => b.SessionId == session.Id)
                .ToListAsync(ct);
            foreach (var seat in seats)
            {
                if (seat.Apply(BookingAction.Cancel, actor, now, shop.Policy.CancellationWindow, reason) is { } refused)
                    return refused;
                db.Outbox.Add(OutboxMessage.For(ChangeOf(seat, BookingChangeKind.Cancelled), now));
            }
            session.Cancel(now);
            db.Outbox.Add(Changed(session, now));
            db.Outbox.Add(OutboxMessage.AvailabilityChanged(session.ShopId, session.ProviderId, [session.LocalStartDate], now));
            await WaitlistOffers.SessionCancelledAsync(db, session, now, ct);
            return null;
        }, ct);

    private async Task<Result<GroupSession>> ManageAsync(Guid sessionId, Actor actor,
        Func<BarberProDbContext, GroupSession, Instant, Task<DomainError?>> change, CancellationToken ct)
    {
        if (!actor.IsStaff || await ProviderOfAsync(sessionId, ct) is not { } providerId)
            return Result<GroupSession>.NotFound();
        var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, now) =>
        {
            var session = await LoadAsync(db, sessionId, ct);
            if (session is null)
                return AgendaDecision<Result<GroupSession>>.Stop(Result<GroupSession>.NotFound());
            var provider = await db.Providers.Include(p => p.Shop).SingleAsync(p => p.Id == session.ProviderId, ct);
            if (!Access.CanManageAgenda(actor, provider, provider.Shop!))
                return AgendaDecision<Result<GroupSession>>.Stop(Result<GroupSession>.NotFound());
            if (session.Status != GroupSessionStatus.Open)
                return AgendaDecision<Result<GroupSession>>.Stop(Cancelled);
            DomainError? refused;
            try
            {
                refused = await change(db, session, now);
            }
            catch (DomainException e)
            {
                refused = e.Error;
            }
            return refused is not null
                ? AgendaDecision<Result<GroupSession>>.Stop(refused)
                : AgendaDecision<Result<GroupSession>>.Write(Result<GroupSession>.Ok(session));
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
    }

    /// <summary>Why a session of this provider and offering cannot be opened whatever the time; null when it can.</summary>
    private static DomainError? Unopenable(AgendaSnapshot agenda) =>
        AgendaSnapshot.Inactive(agenda.Provider, agenda.Offering) is { } inactive ? inactive
        : !agenda.Offering.IsGroup ? new("session.not_group", "Este servicio es individual: para abrir clases su capacidad debe ser mayor a 1.", "ServiceId")
        : null;

    private static DomainError CapacityRange(int max) =>
        new("session.capacity", $"La capacidad de la clase debe estar entre 2 y {max} personas.", "Capacity");

    private static readonly DomainError Taken = new("session.time_taken", "El profesional ya tiene un turno o una clase en ese horario.", "StartTime");
    private static readonly DomainError Full = new("session.full", "La clase está completa: no quedan lugares.");
    private static readonly DomainError AlreadyJoined = new("session.already_joined", "Ya estás anotado en esta clase.");
    private static readonly DomainError NotJoined = new("session.not_joined", "No estás anotado en esta clase.");
    private static readonly DomainError Cancelled = new("session.cancelled", "Esta clase fue cancelada.");
    private static readonly DomainError Started = new("session.started", "Esta clase ya empezó: no se puede anotar.");

    private async Task<Guid?> ProviderOfAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.GroupSessions.Where(s => s.Id == sessionId).Select(s => s.ProviderId).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }

    private static Task<GroupSession?> LoadAsync(BarberProDbContext db, Guid sessionId, CancellationToken ct) =>
        db.GroupSessions.Include(s => s.Offering).SingleOrDefaultAsync(s => s.Id == sessionId, ct);

    private async Task<SessionView> ViewAsync(BarberProDbContext db, GroupSession session, Shop shop, CancellationToken ct)
    {
        var names = await db.GroupSessions.Where(s => s.Id == session.Id)
            .Select(s => new { Provider = db.Providers.Where(p => p.Id == s.ProviderId).Select(p => p.DisplayName).Single(), Offering = s.Offering!.Name })
            .SingleAsync(ct);
        var now = clock.GetCurrentInstant();
        var participants = await GroupSeats.ParticipantsAsync(db, session.Id, ct);
        var placesLeft = await GroupSeats.PlacesLeftAsync(db, session, now, ct);
        return new SessionView(session.Id, session.ShopId, session.ProviderId, names.Provider, session.OfferingId, names.Offering,
            session.Start, session.End, session.Capacity, participants, placesLeft, session.Status, shop.TimeZone);
    }

    private static OutboxMessage Changed(GroupSession session, Instant now) =>
        OutboxMessage.SessionChanged(session.ShopId, session.ProviderId, session.Id, session.Start, session.End, session.LocalStartDate, now);

    /// <summary>What the outbox row of a seat's change says (as <see cref="BookingService"/>'s rows: no personal data).</summary>
    private static BookingChange ChangeOf(Booking seat, BookingChangeKind kind) =>
        new(kind, seat.Id, seat.ShopId, seat.ProviderId, seat.Status, seat.Start, seat.End, null, [seat.LocalStartDate], seat.UpdatedAt, seat.SessionId);
}
