using BarberPro.Domain.Waitlist;

namespace BarberPro.Web.Features.Waitlist;

/// <summary>
/// Every 30 seconds, passes on waitlist offers that ran out and expires entries whose date has passed
/// (<see cref="WaitlistService.PassExpiredOffersAsync"/>). Correctness never depends on it: an expired hold already blocks
/// nothing; this only tells the next customer sooner. Safe on several servers at once (each pass runs under the
/// provider's calendar lock).
/// </summary>
public sealed class WaitlistSweeper(WaitlistService waitlist, ILogger<WaitlistSweeper> logger) : PeriodicSweeper(Every, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override string Chore => "Passing on expired waitlist offers";

    protected override Task SweepAsync(CancellationToken ct) => waitlist.PassExpiredOffersAsync(ct);
}
