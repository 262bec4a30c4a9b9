using BarberPro.Domain.Bookings;

namespace BarberPro.Web;

/// <summary>
/// Deletes expired idempotency keys once an hour (<see cref="IdempotentBookings.SweepExpiredAsync"/>; what counts as
/// expired is the domain's clock). Idempotent, so running it on several servers at once is harmless.
/// </summary>
public sealed class IdempotencyKeySweeper(IdempotentBookings keys, ILogger<IdempotencyKeySweeper> logger) : PeriodicSweeper(Every, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override string Chore => "Sweeping expired idempotency keys";

    protected override Task SweepAsync(CancellationToken ct) => keys.SweepExpiredAsync(ct);
}
