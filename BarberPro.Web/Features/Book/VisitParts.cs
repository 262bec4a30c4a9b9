using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Book;

/// <summary>
/// A visit of several services as the pages show it: its name ("Color + Corte", <see cref="Visit.Name"/>) and when
/// each part starts (the parts follow one another from the booking's start, each as long as it was booked).
/// </summary>
public static class VisitParts
{
    /// <summary>One service of a visit and when it starts.</summary>
    public sealed record Part(Guid OfferingId, string Name, Instant Start);

    /// <summary>The parts of a booking loaded with its <see cref="Booking.Parts"/>, from its start; empty for one service.</summary>
    public static IReadOnlyList<Part> Of(Booking booking) =>
        From(booking.Start, booking.Parts.OrderBy(p => p.Position).Select(p => (p.OfferingId, p.Name, p.Duration)));

    /// <summary>Parts given in order, back to back from <paramref name="start"/>.</summary>
    public static IReadOnlyList<Part> From(Instant start, IEnumerable<(Guid OfferingId, string Name, Duration Duration)> parts)
    {
        var result = new List<Part>();
        var at = start;
        foreach (var (offeringId, name, duration) in parts)
        {
            result.Add(new Part(offeringId, name, at));
            at += duration;
        }
        return result;
    }

    /// <summary>A visit of several services as a list shows it: its name ("Color + Corte") and its services in order.</summary>
    public sealed record Summary(string Name, IReadOnlyList<Guid> OfferingIds);

    /// <summary>
    /// The visits of several services among <paramref name="bookingIds"/>, for lists read without their parts; a
    /// booking of one service is not in the answer (its offering says it all).
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, Summary>> OfBookingsAsync(IDbContextFactory<BarberProDbContext> dbFactory,
        IReadOnlyCollection<Guid> bookingIds, CancellationToken ct = default)
    {
        if (bookingIds.Count == 0)
            return new Dictionary<Guid, Summary>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parts = await db.BookingParts.AsNoTracking()
            .Where(p => bookingIds.Contains(p.BookingId))
            .Select(p => new { p.BookingId, p.Position, p.Name, p.OfferingId })
            .ToListAsync(ct);
        return parts.GroupBy(p => p.BookingId).ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderBy(p => p.Position).ToList();
            return new Summary(Visit.Name(ordered.Select(p => p.Name)), ordered.Select(p => p.OfferingId).ToList());
        });
    }
}
