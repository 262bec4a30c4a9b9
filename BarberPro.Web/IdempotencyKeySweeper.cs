using BarberPro.Domain.Bookings;

namespace BarberPro.Web;

/// <summary>
/// Deletes expired idempotency keys once an hour (<see cref="IdempotentBookings.SweepExpiredAsync"/>; what counts as
/// expired is the domain's clock). Idempotent, so running it on several servers at once is harmless. A job scheduler
/// may take this over later.
/// </summary>
public sealed class IdempotencyKeySweeper(IdempotentBookings keys, ILogger<IdempotencyKeySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.SweepExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping expired idempotency keys failed; trying again in {Every}.", Every);
            }
        }
    }
}
