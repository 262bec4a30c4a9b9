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

    [Fact]
    public async Task StopAndDisposeAtTheSameMoment_NeverThrow()
    {
        // Seen in CI again: a test app's host stopped the relay while its service provider was disposing it; the stop
        // had passed its "disposed?" check and then met the disposed CancellationTokenSource. 300 rounds, both released
        // together by one gate.
        await using var db = await SqliteTestDatabase.CreateAsync();
        for (var round = 0; round < 300; round++)
        {
            var relay = new BookingsHubRelay(new NoHub(), db.DbFactory, db.Clock, NullLogger<BookingsHubRelay>.Instance);
            await relay.StartAsync(CancellationToken.None);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stop = Task.Run(async () =>
            {
                await gate.Task;
                await relay.StopAsync(CancellationToken.None);
            });
            var dispose = Task.Run(async () =>
            {
                await gate.Task;
                relay.Dispose();
            });
            gate.SetResult();
            await Task.WhenAll(stop, dispose);
        }
    }

    private sealed class NoHub : IHubContext<BookingsHub>
    {
        public IHubClients Clients => throw new NotSupportedException();
        public IGroupManager Groups => throw new NotSupportedException();
    }
}
