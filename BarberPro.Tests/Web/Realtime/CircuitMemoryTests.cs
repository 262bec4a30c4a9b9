using BarberPro.Web.Features.Realtime;

namespace BarberPro.Tests.Web.Realtime;

/// <summary>When the server gives memory back after many pages opened or closed (<see cref="CircuitCount"/>), with the instants given.</summary>
public sealed class CircuitMemoryTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 12, 7, 12, 0);
    private static readonly CircuitMemoryOptions Options = new() { MinChange = 20, QuietSeconds = 5, MinIntervalSeconds = 300 };

    private static CircuitCount WithOpen(int open, Instant at)
    {
        var count = new CircuitCount();
        for (var i = 0; i < open; i++)
            count.Opened(at);
        return count;
    }

    private static void Close(CircuitCount count, int pages)
    {
        for (var i = 0; i < pages; i++)
            count.Closed();
    }

    [Fact]
    public void FiftyPagesOpen_ThenTwentyClose_GivesMemoryBack_OnceNothingOpenedForFiveSeconds()
    {
        var count = WithOpen(50, T0);
        Close(count, 20);

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromSeconds(4), Options));
        Assert.True(count.ShouldReturnMemory(T0 + Duration.FromSeconds(5), Options));
        Assert.Equal(30, count.Open);
    }

    [Fact]
    public void FewerClosedThanTheMinimum_KeepsTheMemory()
    {
        var count = WithOpen(50, T0);
        count.Returned(T0 + Duration.FromSeconds(5)); // what their opening set off
        Close(count, 19);

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromMinutes(10), Options));
    }

    [Fact]
    public void APageOpeningMeanwhile_PutsItOff_UntilQuietAgain()
    {
        var count = WithOpen(50, T0);
        Close(count, 30);
        count.Opened(T0 + Duration.FromSeconds(3));

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromSeconds(6), Options));
        Assert.True(count.ShouldReturnMemory(T0 + Duration.FromSeconds(8), Options));
    }

    [Fact]
    public void AfterGivingBack_ThePeakStartsAgain_AndTheNextWaitsTheInterval()
    {
        var count = WithOpen(50, T0);
        Close(count, 50);
        var returned = T0 + Duration.FromSeconds(5);
        count.Returned(returned);

        Assert.False(count.ShouldReturnMemory(returned + Duration.FromMinutes(10), Options));

        var later = returned + Duration.FromMinutes(1);
        for (var i = 0; i < 40; i++)
            count.Opened(later);
        Close(count, 40);
        Assert.False(count.ShouldReturnMemory(later + Duration.FromMinutes(1), Options));
        Assert.True(count.ShouldReturnMemory(returned + Duration.FromSeconds(300), Options));
    }

    [Fact]
    public void ABurstOfPagesOpening_GivesTheTransientMemoryBack_OnceQuiet_ThenNotAgainForTheSamePages()
    {
        // Opening a page allocates far more than its circuit keeps (the first render, the prerendered HTML): after a
        // burst of arrivals the GC holds that garbage's memory while the pages sit idle.
        var count = WithOpen(48, T0);

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromSeconds(4), Options));
        Assert.True(count.ShouldReturnMemory(T0 + Duration.FromSeconds(5), Options));
        count.Returned(T0 + Duration.FromSeconds(5));

        // The same 48 pages still open: nothing changed since, nothing to give back.
        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromHours(1), Options));
    }

    [Fact]
    public void FewerOpenedThanTheMinimum_KeepsTheMemory()
    {
        var count = WithOpen(19, T0);

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromMinutes(10), Options));
    }

    [Fact]
    public void TurnedOff_NeverGivesBack()
    {
        var count = WithOpen(100, T0);
        Close(count, 100);

        Assert.False(count.ShouldReturnMemory(T0 + Duration.FromHours(1), new CircuitMemoryOptions { Enabled = false }));
        Assert.Equal(0, count.Open);
    }
}
