namespace BarberPro.Web;

/// <summary>
/// A background chore run every <paramref name="every"/> (the first time one period after start-up). A failing pass is
/// logged and tried again next period; it never stops the app. Hangfire's recurring jobs may take these over later.
/// </summary>
public abstract class PeriodicSweeper(TimeSpan every, ILogger logger) : BackgroundService
{
    /// <summary>What a pass does, for the log ("sweeping expired idempotency keys").</summary>
    protected abstract string Chore { get; }

    protected abstract Task SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Chore} failed; trying again in {Every}.", Chore, every);
            }
        }
    }
}
