using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Web.Realtime;

public sealed class BookingsHubRelayTests
{
    [Fact]
    public async Task StopAfterDispose_IsANoOp_NotAnObjectDisposedException()
    {
        // Seen in CI: a test app's host disposed the relay, then stopped it, failing the test class's cleanup.
        await using var db = await SqliteTestDatabase.CreateAsync();
        var relay = new BookingsHubRelay(new NoHub(), db.DbFactory, db.Clock, NullLogger<BookingsHubRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);

        relay.Dispose();

        await relay.StopAsync(CancellationToken.None);
    }

    private sealed class NoHub : IHubContext<BookingsHub>
    {
        public IHubClients Clients => throw new NotSupportedException();
        public IGroupManager Groups => throw new NotSupportedException();
    }
}
