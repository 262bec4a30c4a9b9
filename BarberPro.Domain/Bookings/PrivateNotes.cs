using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>A booking's private note as its reader sees it; <see cref="Text"/> is empty when none was written.</summary>
/// <param name="ProfessionalOnly">Whether only the booking's professional reads it (a health vertical), or also whoever runs the shop.</param>
public sealed record PrivateNoteView(Guid BookingId, string Text, Instant? UpdatedAt, bool ProfessionalOnly);

/// <summary>
/// The one door to <see cref="BookingPrivateNote"/>: nothing else reads the table, so no list, API response, hub event,
/// export, calendar file or message can carry a note. Who may read and write a booking's note is <see cref="MayRead"/>;
/// anyone else is answered as if the booking did not exist.
/// </summary>
public sealed class PrivateNotes(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    /// <summary>
    /// Whether <paramref name="actor"/> may read and write the private note of a booking of <paramref name="provider"/> at
    /// <paramref name="shop"/>. In a vertical whose notes are the professional's only
    /// (<see cref="VerticalProfile.PrivateNotesForProfessionalOnly"/>: psychology, medicine) that is the booking's
    /// professional — the provider whose account the actor is — and nobody else: not the owner, not an admin, not another
    /// professional of the shop. Elsewhere (a barber shop) the barber and whoever runs the shop. Never a customer.
    /// </summary>
    public static bool MayRead(Actor actor, Scheduling.Provider provider, Shop shop)
    {
        if (actor.Role == ActorRole.Customer)
            return false;
        var isProfessional = provider.UserId is not null && provider.UserId == actor.UserId;
        return VerticalProfile.For(shop.Vertical).PrivateNotesForProfessionalOnly
            ? isProfessional
            : isProfessional || Access.CanRunShop(actor, shop);
    }

    /// <summary>The note of <paramref name="bookingId"/> (empty when none yet), or not found when the actor may not read it.</summary>
    public async Task<Result<PrivateNoteView>> GetAsync(Guid bookingId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ReadableBookingAsync(db, bookingId, actor, ct) is not { } booking)
            return Result<PrivateNoteView>.NotFound();
        var note = await db.BookingPrivateNotes.AsNoTracking().SingleOrDefaultAsync(n => n.BookingId == bookingId, ct);
        return Result<PrivateNoteView>.Ok(View(booking, note));
    }

    /// <summary>
    /// Writes the note of <paramref name="bookingId"/> (trimmed, up to <see cref="BookingPrivateNote.MaxTextLength"/>
    /// characters; blank deletes it). Not found when the actor may not read it; refused (<c>private_note.too_long</c>)
    /// when too long, and nothing changes.
    /// </summary>
    public async Task<Result<PrivateNoteView>> SaveAsync(Guid bookingId, string? text, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ReadableBookingAsync(db, bookingId, actor, ct) is not { } booking)
            return Result<PrivateNoteView>.NotFound();
        var now = clock.GetCurrentInstant();
        var note = await db.BookingPrivateNotes.SingleOrDefaultAsync(n => n.BookingId == bookingId, ct);
        try
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (note is not null)
                    db.BookingPrivateNotes.Remove(note);
                note = null;
            }
            else if (note is null)
            {
                note = new BookingPrivateNote(bookingId, booking.ProviderId, text, now);
                db.BookingPrivateNotes.Add(note);
            }
            else
            {
                note.Change(text, now);
            }
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        await db.SaveChangesAsync(ct);
        return Result<PrivateNoteView>.Ok(View(booking, note));
    }

    private static PrivateNoteView View(Booking booking, BookingPrivateNote? note) =>
        new(booking.Id, note?.Text ?? "", note?.UpdatedAt, VerticalProfile.For(booking.Shop!.Vertical).PrivateNotesForProfessionalOnly);

    private static async Task<Booking?> ReadableBookingAsync(BarberProDbContext db, Guid bookingId, Actor actor, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking()
            .Include(b => b.Shop)
            .Include(b => b.Provider)
            .SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        return booking?.Shop is not null && booking.Provider is not null && MayRead(actor, booking.Provider, booking.Shop) ? booking : null;
    }
}
