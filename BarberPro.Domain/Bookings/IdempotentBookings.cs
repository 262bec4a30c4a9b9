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
/// Makes <see cref="BookingService.BookAsync(NewBooking, Actor, CancellationToken)"/> safe to retry: a request carries a client-chosen key, and the same
/// user sending the same key again gets the booking the first request made, never a second one — also when the
/// retries arrive while the first request is still running.
/// <para>
/// The key (<see cref="BookingRequestKey"/>, primary key (user, key)) is written in the same transaction as the booking
/// it guards, on the agenda write path, after the provider's calendar lock: so a key never exists without its booking
/// or a booking without its key, and a retry racing the first request waits for that request's lock (no polling) and
/// then finds the key and replays the booking. A conflict or a rejection writes nothing, so a retry runs again. Keys
/// live <see cref="KeyLifetime"/>; <see cref="SweepExpiredAsync"/> deletes older ones (run periodically by the app).
/// </para>
/// </summary>
public sealed class IdempotentBookings(IDbContextFactory<BarberProDbContext> dbFactory, BookingService bookings, IClock clock, ILogger<IdempotentBookings> logger)
{
    /// <summary>A key is remembered this long; after that the same key books again.</summary>
    public static readonly Duration KeyLifetime = Duration.FromHours(24);

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
        var claim = new IdempotencyClaim(key, Fingerprint(request));
        var outcome = await bookings.BookAsync(request, actor, claim, ct);
        if (claim.Held is not { } held)
            return new IdempotentBookingResult.Completed(outcome, Replayed: false);
        if (held.Fingerprint != claim.Fingerprint)
            return new IdempotentBookingResult.KeyReused(new("idempotency.key_reused",
                "Ya usaste esta clave de idempotencia para otra reserva. Usá una clave nueva para cada reserva distinta.", "IdempotencyKey"));
        var booking = await bookings.FindAsync(held.BookingId!.Value, actor, ct);
        return new IdempotentBookingResult.Completed(
            booking is null ? new BookingOutcome.NotFound() : new BookingOutcome.Succeeded(booking), Replayed: true);
    }

    /// <summary>Deletes keys older than <see cref="KeyLifetime"/> (and rows of the old two-step scheme that never got a booking); returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = clock.GetCurrentInstant() - KeyLifetime;
        var swept = await db.BookingRequestKeys.Where(k => k.CreatedAt < expired || k.BookingId == null).ExecuteDeleteAsync(ct);
        if (swept > 0)
            logger.LogInformation("Swept {Count} expired idempotency keys.", swept);
        return swept;
    }

    internal static string Fingerprint(NewBooking request)
    {
        var text = string.Join('|', "v1", request.ProviderId, request.OfferingId, request.Start.ToUnixTimeTicks(),
            request.Notes?.Trim() ?? "", request.CustomerId?.ToString() ?? "");
        // A visit of several services: the rest of them, in order (one service keeps the fingerprint it always had).
        if (request.MoreOfferingIds is { Count: > 0 } more)
            text += "|" + string.Join(',', more);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>
/// An idempotency key travelling with one booking request into its transaction. <see cref="Held"/> is set when the
/// key was already taken (by this user, within its lifetime): nothing was booked, the caller replays or refuses.
/// </summary>
internal sealed class IdempotencyClaim(string key, string fingerprint)
{
    public string Key { get; } = key;
    public string Fingerprint { get; } = fingerprint;
    public BookingRequestKey? Held { get; set; }

    /// <summary>
    /// Inside the transaction, after the calendar lock: finds the key row in one read. A live one is <see cref="Held"/>;
    /// an expired one, or one without a booking from the old scheme, is deleted in the same transaction (the only case
    /// that costs a second statement). True when the key is free for this request.
    /// </summary>
    public async Task<bool> IsFreeAsync(BarberProDbContext db, string userId, Instant now, CancellationToken ct)
    {
        Held = await FindKey.For(db)(db, userId, Key, ct);
        if (Held is { } row && (row.CreatedAt < now - IdempotentBookings.KeyLifetime || row.BookingId is null))
        {
            await db.BookingRequestKeys.Where(k => k.UserId == userId && k.Key == Key).ExecuteDeleteAsync(ct);
            Held = null;
        }
        return Held is null;
    }

    private static readonly CompiledPerModel<Func<BarberProDbContext, string, string, CancellationToken, Task<BookingRequestKey?>>> FindKey = new(() =>
        EF.CompileAsyncQuery((BarberProDbContext db, string userId, string key, CancellationToken ct) =>
            db.BookingRequestKeys.AsNoTracking().SingleOrDefault(k => k.UserId == userId && k.Key == key)));
}
