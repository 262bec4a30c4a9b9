using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// A professional's own note on one of their bookings ("sesión 4: trabajamos ansiedad"): kept apart from the booking
/// so that no query of bookings (lists, API, hub, exports) ever carries it. Who may read and write it is one rule,
/// in the private notes service: in a health vertical the booking's professional only — never the owner or an admin.
/// </summary>
public sealed class BookingPrivateNote
{
    public const int MaxTextLength = 4000;

    private BookingPrivateNote() { }

    public BookingPrivateNote(Guid bookingId, Guid providerId, string text, Instant now)
    {
        BookingId = bookingId;
        ProviderId = providerId;
        CreatedAt = now;
        Change(text, now);
    }

    public Guid BookingId { get; private set; }
    /// <summary>The booking's professional when the note was written: the one who may read it.</summary>
    public Guid ProviderId { get; private set; }
    public string Text { get; private set; } = "";
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    public void Change(string text, Instant now)
    {
        text = (text ?? "").Trim();
        if (text.Length > MaxTextLength)
            throw new Common.DomainException(new("private_note.too_long", $"La nota puede tener hasta {MaxTextLength} caracteres.", nameof(Text)));
        Text = text;
        UpdatedAt = now;
    }
}
