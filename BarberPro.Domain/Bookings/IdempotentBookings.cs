using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>What became of a booking request sent with an idempotency key.</summary>
public abstract record IdempotentBookingResult
{
    private IdempotentBookingResult() { }

    /// <summary>
    /// The request ran and this is its outcome (<paramref name="Replayed"/> false), or an earlier request with the
    /// same key had created the booking and this is that booking as it is now (<paramref name="Replayed"/> true).
    /// </summary>
    public sealed record Completed(BookingOutcome Outcome, bool Replayed) : IdempotentBookingResult;

    /// <summary>The key was used before by the same user for a different request; nothing was written.</summary>
    public sealed record KeyReused(DomainError Error) : IdempotentBookingResult;

    /// <summary>Another request with the same key is still running after waiting for it; nothing was written.</summary>
    public sealed record KeyInFlight(DomainError Error) : IdempotentBookingResult;
}

/// <summary>
/// Makes <see cref="BookingService.BookAsync"/> safe to retry: a request carries a client-chosen key, and the same
/// user sending the same key again gets the booking the first request made, never a second one — also when the
/// retries arrive while the first request is still running.
/// <para>
/// The first request inserts a <see cref="BookingRequestKey"/> row (its primary key is (user, key), so of two
/// requests racing with one key exactly one inserts it); the others wait until that row names a booking, or is
/// released because the first request did not book (a conflict or a rejection is not remembered: a retry runs
/// again). A row left without a booking for longer than <see cref="AbandonedAfter"/> belongs to a request that
/// died between booking and recording it: the booking it made, if any, is found and linked.
/// </para>
/// </summary>
public sealed class IdempotentBookings(IDbContextFactory<BarberProDbContext> dbFactory, BookingService bookings, IClock clock, ILogger<IdempotentBookings> logger)
{
    /// <summary>A key is remembered this long; after that the same key books again.</summary>
    public static readonly Duration KeyLifetime = Duration.FromHours(24);

    /// <summary>A key held this long without a booking is from a request that died.</summary>
    public static readonly Duration AbandonedAfter = Duration.FromMinutes(2);

    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Null when <paramref name="key"/> is usable: 1 to 100 visible ASCII characters.</summary>
    public static DomainError? ValidateKey(string? key) =>
        key is { Length: > 0 and <= BookingRequestKey.MaxKeyLength } && key.All(c => c is > ' ' and <= '~')
            ? null
            : new DomainError("idempotency.key_invalid", "La clave de idempotencia debe tener entre 1 y 100 caracteres ASCII visibles.", "IdempotencyKey");

    /// <summary>Books <paramref name="request"/> once per (<paramref name="actor"/>, <paramref name="key"/>).</summary>
    public async Task<IdempotentBookingResult> BookAsync(string key, NewBooking request, Actor actor, CancellationToken ct = default)
    {
        if (ValidateKey(key) is { } invalid)
            throw new DomainException(invalid);
        var fingerprint = Fingerprint(request);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var held = await ClaimAsync(key, fingerprint, request, actor, ct);
            if (held is null)
                return new IdempotentBookingResult.Completed(await RunAsync(key, request, actor, ct), Replayed: false);
            if (held.Fingerprint != fingerprint)
                return new IdempotentBookingResult.KeyReused(new("idempotency.key_reused",
                    "Ya usaste esta clave de idempotencia para otra reserva. Usá una clave nueva para cada reserva distinta.", "IdempotencyKey"));
            if (held.BookingId is { } bookingId)
            {
                var booking = await bookings.FindAsync(bookingId, actor, ct);
                return new IdempotentBookingResult.Completed(
                    booking is null ? new BookingOutcome.NotFound() : new BookingOutcome.Succeeded(booking), Replayed: true);
            }
            if (clock.GetCurrentInstant() - held.CreatedAt > AbandonedAfter)
            {
                await ReconcileAsync(held, ct);
                continue;
            }
            if (waited.Elapsed > WaitForOther)
                return new IdempotentBookingResult.KeyInFlight(new("idempotency.key_in_flight",
                    "Otra solicitud con la misma clave de idempotencia todavía se está procesando. Probá de nuevo en unos segundos.", "IdempotencyKey"));
            await Task.Delay(PollEvery, ct);
        }
    }

    /// <summary>Inserts the key for this request; returns null when it did, or the row that holds the key.</summary>
    private async Task<BookingRequestKey?> ClaimAsync(string key, string fingerprint, NewBooking request, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var expired = now - KeyLifetime;
        await db.BookingRequestKeys.Where(k => k.UserId == actor.UserId && k.Key == key && k.CreatedAt < expired).ExecuteDeleteAsync(ct);
        var held = await db.BookingRequestKeys.AsNoTracking().SingleOrDefaultAsync(k => k.UserId == actor.UserId && k.Key == key, ct);
        if (held is not null)
            return held;

        db.BookingRequestKeys.Add(new BookingRequestKey(actor.UserId, key, fingerprint, request, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // Another request inserted the same key first (or the write failed for another reason: then rethrow).
            db.ChangeTracker.Clear();
            return await db.BookingRequestKeys.AsNoTracking().SingleOrDefaultAsync(k => k.UserId == actor.UserId && k.Key == key, ct)
                ?? throw new InvalidOperationException("The idempotency key could not be stored.");
        }
    }

    private async Task<BookingOutcome> RunAsync(string key, NewBooking request, Actor actor, CancellationToken ct)
    {
        BookingOutcome outcome;
        try
        {
            outcome = await bookings.BookAsync(request, actor, ct);
        }
        catch
        {
            await ReleaseAsync(actor.UserId, key);
            throw;
        }

        if (outcome is BookingOutcome.Succeeded succeeded)
        {
            try
            {
                // Not cancellable: the booking is committed, so the key must say so even if the client went away.
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                await db.BookingRequestKeys
                    .Where(k => k.UserId == actor.UserId && k.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.BookingId, succeeded.Booking.Id), CancellationToken.None);
            }
            catch (Exception e)
            {
                // The booking stands; the key is reconciled with it once it counts as abandoned.
                logger.LogError(e, "Booking {BookingId} was made but its idempotency key could not be recorded.", succeeded.Booking.Id);
            }
        }
        else
        {
            await ReleaseAsync(actor.UserId, key);
        }
        return outcome;
    }

    private async Task ReleaseAsync(string userId, string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.BookingRequestKeys
            .Where(k => k.UserId == userId && k.Key == key && k.BookingId == null)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>Links an abandoned key to the booking its request made, or releases it when there is none.</summary>
    private async Task ReconcileAsync(BookingRequestKey held, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var made = await db.Bookings
            .Where(b => b.ProviderId == held.ProviderId && b.OfferingId == held.OfferingId && b.Start == held.Start && b.CreatedAt >= held.CreatedAt
                && b.History.Any(h => h.FromStatus == null && h.ByUserId == held.UserId))
            .Select(b => (Guid?)b.Id)
            .FirstOrDefaultAsync(ct);
        var row = db.BookingRequestKeys.Where(k => k.UserId == held.UserId && k.Key == held.Key && k.BookingId == null && k.CreatedAt == held.CreatedAt);
        if (made is { } bookingId)
            await row.ExecuteUpdateAsync(s => s.SetProperty(k => k.BookingId, bookingId), ct);
        else
            await row.ExecuteDeleteAsync(ct);
        logger.LogWarning("Idempotency key of user {UserId} was abandoned; {Action}.", held.UserId, made is null ? "released" : $"linked to booking {made}");
    }

    internal static string Fingerprint(NewBooking request)
    {
        var text = string.Join('|', "v1", request.ProviderId, request.OfferingId, request.Start.ToUnixTimeTicks(),
            request.Notes?.Trim() ?? "", request.CustomerId?.ToString() ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
