using BarberPro.Domain.Data;
using BarberPro.Domain.Sessions;
using NodaTime;

namespace BarberPro.Domain.Waitlist;

/// <summary>
/// Offers freed time to the waitlist, inside the agenda write that freed it (under the provider's calendar lock, in the
/// same transaction): the first matching waiting entry in order of joining gets a hold and an outbox row.
/// </summary>
public static class WaitlistOffers
{
    /// <summary>
    /// Called by every agenda write that frees an individual slot of <paramref name="providerId"/> on the shop-local
    /// <paramref name="date"/> (a cancellation, a move away, a declined or expired hold), after its change is made to
    /// <paramref name="db"/> but before saving: offers what is now free to the first matching entry.
    /// </summary>
    internal static Task OfferFreedAsync(BarberProDbContext db, Guid shopId, Guid providerId, LocalDate date, Instant now, CancellationToken ct)
    {
        // Implemented with the waitlist (issue 10); every caller already runs under the provider's calendar lock.
        return Task.CompletedTask;
    }

    /// <summary>Called when a seat of <paramref name="session"/> frees (a participant left, capacity grew, a hold ended): offers it to the first entry waiting for the session.</summary>
    internal static Task SeatFreedAsync(BarberProDbContext db, GroupSession session, Instant now, CancellationToken ct)
    {
        // Implemented with the waitlist (issue 10); every caller already runs under the provider's calendar lock.
        return Task.CompletedTask;
    }
}
