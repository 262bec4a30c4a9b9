using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace BarberPro.Tests.TwoNodes;

/// <summary>
/// A booking storm through both nodes: 64 customers (registered through the API), half of them on node A's address and
/// half on node B's, thousands of attempts on the slots of three barbers' two days, and node B killed with SIGKILL when
/// 40 % of the attempts are done. Clients whose node stops answering go on through the proxy (retrying the request in
/// flight, or answered 502 by the proxy, with its Idempotency-Key). Afterwards, by SQL: no two active bookings of one barber overlap, and every 201 a
/// client got is a booking in the database.
/// </summary>
[Trait("Category", TwoNodesDeployment.Category)]
[Trait(TwoNodesDeployment.Phase, TwoNodesDeployment.Kill)]
public sealed class BookingStormTests(ITestOutputHelper output)
{
    private const int Clients = 64;

    private static int Attempts => int.TryParse(Environment.GetEnvironmentVariable("BARBERPRO_TWO_NODES_ATTEMPTS"), out var n) && n > 0 ? n : 3000;

    /// <summary>A hang guard for the whole storm (it normally ends well before), not a performance assertion.</summary>
    private static readonly TimeSpan StormBound = TimeSpan.FromMinutes(2);

    private sealed record Slot(Guid Provider, string Start);

    private sealed class Tally
    {
        public int Attempted;
        public int AfterKill;
        public int ThroughProxyAfterKill;
        public int Switched;
        public int ProxyRetries;
        public readonly ConcurrentDictionary<int, int> ByStatus = new();
        public readonly ConcurrentDictionary<Guid, byte> Acknowledged = new();
        public readonly ConcurrentQueue<string> Unexpected = new();
    }

    [Fact]
    public async Task BookingStorm_ThroughBothNodes_WithOneKilled_NoDoublesAndNoAcknowledgedBookingLost()
    {
        var deployment = TwoNodesDeployment.Current;
        var demo = await deployment.DemoAsync();
        var tokens = await deployment.RegisterCustomersAsync(Clients, "tormenta");

        var tuesday = TwoNodesDeployment.QuietTuesday;
        var slots = new List<Slot>();
        foreach (var date in new[] { tuesday, tuesday.PlusDays(1) })
            foreach (var barber in new[] { demo.Diego, demo.Fede, demo.Nacho })
                slots.AddRange((await deployment.FreeStartsAsync(barber, demo.Corte, date)).Select(s => new Slot(barber, TwoNodesDeployment.Iso(s))));
        Assert.True(slots.Count >= 60, $"only {slots.Count} free starts on {tuesday:yyyy-MM-dd} and the day after");

        var tally = new Tally();
        var total = Attempts;
        var killAt = total * 2 / 5;
        var killed = 0;
        var nodeB = Process.GetProcessById(deployment.NodeBPid);
        using var bound = new CancellationTokenSource(StormBound);
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;

        async Task RunClientAsync(int index)
        {
            var random = new Random(index);
            var home = index % 2 == 0 ? deployment.NodeA : deployment.NodeB;
            var current = home;
            var client = TwoNodesDeployment.Client(current, tokens[index], TimeSpan.FromSeconds(20));
            try
            {
                while (!bound.IsCancellationRequested)
                {
                    var attempt = Interlocked.Increment(ref tally.Attempted);
                    if (attempt > total)
                    {
                        Interlocked.Decrement(ref tally.Attempted);
                        return;
                    }
                    if (attempt == killAt && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        nodeB.Kill(); // SIGKILL: no shutdown, no flushing, requests in flight cut off
                        killedAt = clock.Elapsed;
                    }
                    var afterKill = Volatile.Read(ref killed) == 1;
                    if (afterKill)
                        Interlocked.Increment(ref tally.AfterKill);

                    var slot = slots[random.Next(slots.Count)];
                    var key = Guid.NewGuid().ToString();
                    HttpResponseMessage? response = null;
                    for (var tries = 0; response is null && tries < 6; tries++)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
                        {
                            Content = JsonContent.Create(new { providerId = slot.Provider, serviceId = demo.Corte, startTime = slot.Start }),
                        };
                        request.Headers.Add("Idempotency-Key", key);
                        try
                        {
                            response = await client.SendAsync(request, bound.Token);
                            // nginx's answer when the server it chose did not answer (a kept-alive connection to the
                            // killed node, reset): it never resends a POST itself, so the client does, with the same key.
                            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout && current == deployment.Proxy)
                            {
                                response.Dispose();
                                response = null;
                                Interlocked.Increment(ref tally.ProxyRetries);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !bound.IsCancellationRequested)
                        {
                            // The node this client talks to is gone (refused, reset, or silent): on through the proxy, same key.
                            if (current != deployment.Proxy)
                            {
                                current = deployment.Proxy;
                                client.Dispose();
                                client = TwoNodesDeployment.Client(current, tokens[index], TimeSpan.FromSeconds(20));
                                Interlocked.Increment(ref tally.Switched);
                            }
                        }
                    }
                    if (response is null)
                    {
                        tally.Unexpected.Enqueue($"no answer after 6 tries (client {index}, key {key})");
                        continue;
                    }
                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        tally.ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
                        if (afterKill && current == deployment.Proxy)
                            Interlocked.Increment(ref tally.ThroughProxyAfterKill);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await response.Content.ReadFromJsonAsync<JsonElement>(bound.Token);
                            tally.Acknowledged[body.GetProperty("id").GetGuid()] = 0;
                        }
                        else if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable))
                        {
                            tally.Unexpected.Enqueue($"{status} {await response.Content.ReadAsStringAsync(bound.Token)}");
                        }
                    }
                }
            }
            finally
            {
                client.Dispose();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => RunClientAsync(i))));
        var elapsed = clock.Elapsed;

        var doubles = await deployment.ScalarAsync("""
            SELECT count(*) FROM "Bookings" a JOIN "Bookings" b
              ON a."ProviderId" = b."ProviderId" AND a."Id" < b."Id"
             AND a."BlockedStart" < b."BlockedEnd" AND b."BlockedStart" < a."BlockedEnd"
            WHERE a."Status" IN ('Pending', 'Confirmed', 'Completed') AND b."Status" IN ('Pending', 'Confirmed', 'Completed')
              AND a."SessionId" IS NULL AND b."SessionId" IS NULL
            """);
        var acknowledged = tally.Acknowledged.Keys.ToArray();
        var present = await deployment.ScalarAsync("""
            SELECT count(*) FROM "Bookings" WHERE "Id" = ANY(@ids) AND "Status" IN ('Pending', 'Confirmed')
            """, ("ids", acknowledged));
        var lost = acknowledged.Length - present;
        var stormBookings = await deployment.ScalarAsync("""
            SELECT count(*) FROM "Bookings" WHERE "ProviderId" = ANY(@barbers) AND "Status" IN ('Pending', 'Confirmed')
              AND "Start" >= @from AND "Start" < @to
            """, ("barbers", new[] { demo.Diego, demo.Fede, demo.Nacho }),
            ("from", Ticks(tuesday)), ("to", Ticks(tuesday.PlusDays(2))));

        var statuses = string.Join(", ", tally.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        var report = $"storm: {tally.Attempted} attempts by {Clients} clients on {slots.Count} starts of 3 barbers × 2 days in {elapsed.TotalSeconds:0.0} s " +
            $"({tally.Attempted / elapsed.TotalSeconds:0} attempts/s); answers {statuses}; 201s = {acknowledged.Length}; doubles = {doubles}; lost = {lost}; " +
            $"bookings in those days = {stormBookings}; node B killed (SIGKILL) at attempt {killAt} ({killedAt?.TotalSeconds:0.0} s), " +
            $"{tally.AfterKill} attempts after it, {tally.Switched} clients moved to the proxy, {tally.ThroughProxyAfterKill} answers through the proxy after the kill " +
            $"({tally.ProxyRetries} of its 502/504s retried with the same Idempotency-Key)";
        output.WriteLine(report);
        deployment.Figure(report);

        Assert.Empty(tally.Unexpected);
        Assert.Equal(total, tally.Attempted);
        Assert.Equal(1, killed);
        Assert.True(nodeB.HasExited, "node B still runs after the kill");
        Assert.True(tally.Switched > 0, "no client of node B noticed the kill");
        Assert.True(tally.ThroughProxyAfterKill > 0, "no answer came through the proxy after the kill");
        Assert.True(acknowledged.Length > 0, "no booking succeeded");
        Assert.Equal(0, doubles);
        Assert.Equal(0, lost);
        // Every booking those days got is one a client was told about (a 201 lost in a killed connection and never
        // replayed would show here as one more row than 201s): the retries with the same Idempotency-Key got it back.
        Assert.Equal(acknowledged.Length, stormBookings);
    }

    private static long Ticks(LocalDate date) =>
        date.AtStartOfDayInZone(TwoNodesDeployment.BuenosAires).ToInstant().ToUnixTimeTicks();
}
