using BarberPro.Web.Components;

namespace BarberPro.Tests.Web.Components;

public sealed class ConnectionEventsTests
{
    [Fact]
    public async Task ConnectionBackAfterADrop_TellsPagesToReRead()
    {
        var events = new ConnectionEvents();
        var reconnected = 0;
        events.Reconnected += () => reconnected++;

        await events.OnConnectionUpAsync(null!, CancellationToken.None); // the first connection is not a reconnect
        Assert.Equal(0, reconnected);

        await events.OnConnectionDownAsync(null!, CancellationToken.None);
        await events.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(1, reconnected);

        await events.OnConnectionUpAsync(null!, CancellationToken.None); // no drop in between: nothing to re-read
        Assert.Equal(1, reconnected);
    }
}
