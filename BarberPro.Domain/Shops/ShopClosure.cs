using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>
/// A date on which the whole shop is closed (25 Dec, a national holiday). It beats every provider's weekly hours and
/// their own special dates: nobody of the shop can be booked that day. One per shop and date.
/// </summary>
public sealed class ShopClosure
{
    public const int MaxNoteLength = 100;

    private ShopClosure() { }

    internal ShopClosure(Guid shopId, LocalDate date, string? note)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        Date = date;
        ChangeNote(note);
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    /// <summary>The closed date, in the shop's calendar.</summary>
    public LocalDate Date { get; private set; }
    /// <summary>Why, e.g. "Navidad"; at most <see cref="MaxNoteLength"/> characters.</summary>
    public string? Note { get; private set; }

    internal void ChangeNote(string? note)
    {
        note = PlainText.Name(note) is { Length: > 0 } clean ? clean : null;
        if (note?.Length > MaxNoteLength)
            throw new DomainException(new("shop.closure_note", $"La nota puede tener hasta {MaxNoteLength} caracteres.", nameof(Note)));
        Note = note;
    }
}

/// <summary>Reading shop closures; the availability engine gets them through <see cref="Availability.ProviderHours"/>.</summary>
public static class ShopClosureQueries
{
    /// <summary>The closed dates of <paramref name="shopId"/> from <paramref name="first"/> to <paramref name="last"/> (inclusive).</summary>
    public static async Task<IReadOnlyList<LocalDate>> ClosedDatesAsync(this BarberProDbContext db, Guid shopId, LocalDate first, LocalDate last,
        CancellationToken ct = default) =>
        await db.ShopClosures
            .Where(c => c.ShopId == shopId && c.Date >= first && c.Date <= last)
            .Select(c => c.Date)
            .ToListAsync(ct);
}
