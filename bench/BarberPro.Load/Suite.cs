using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BarberPro.Load;

/// <summary>
/// The steps of the suite, in order, against one running app: a static file (the baseline), availability, the shop,
/// booking storms, the 64-way race, server-rendered pages and circuits; then one table.
/// </summary>
public static partial class Suite
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(SuiteOptions o)
    {
        var duration = TimeSpan.FromSeconds(o.Seconds);
        using var open = Client(o.Url, 256);
        var results = new List<StepResult>();
        var lateness = new Latencies();
        double Rate(double full) => o.Smoke ? Math.Min(full, 100) : full;
        var conn = o.Smoke ? 4 : 32;

        // What the steps ask for: the demo shop, a barber's Corte on a day ahead, and a static asset of about the size of
        // that availability answer.
        var shop = await open.GetFromJsonAsync<JsonElement>($"api/v1/shops/{o.Shop}", Json);
        var shopId = shop.GetProperty("id").GetString()!;
        var providers = shop.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();
        var service = shop.GetProperty("services").EnumerateArray()
            .First(s => s.GetProperty("capacity").GetInt32() == 1 && s.GetProperty("active").GetBoolean()).GetProperty("id").GetString()!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3));
        var (availabilityPath, availabilitySize) = await FirstDayWithSlotsAsync(open, providers[0], service, today.AddDays(2));
        var (staticPath, staticSize) = await StaticOfSizeAsync(open, o.Shop, availabilitySize);
        Console.WriteLine($"Target {o.Url} — shop {o.Shop} ({shopId}); availability {availabilityPath} = {availabilitySize:N0} bytes; " +
            $"static baseline {staticPath} = {staticSize:N0} bytes; {o.Seconds:0.#} s a step{(o.Smoke ? " (SMOKE: only checks that each step works)" : "")}");

        Func<long, CancellationToken, Task<Outcome>> Get(HttpClient client, string path) => async (i, ct) =>
        {
            using var response = await client.GetAsync(path, ct);
            await response.Content.LoadIntoBufferAsync(ct);
            return response.IsSuccessStatusCode ? Outcome.Ok : Outcome.Error;
        };

        if (o.Runs("static") || o.Runs("availability") || o.Runs("shop"))
        {
            var rates = o.Smoke ? new double[] { 100 } : [200, 500, 1000, 2000];
            foreach (var rate in rates)
                results.Add(await Generator.OpenLoopAsync($"static file ({staticSize:N0} B)", rate, duration, Get(open, staticPath), lateness));
            using var closed = Client(o.Url, conn);
            results.Add(await Generator.ClosedLoopAsync($"static file ({staticSize:N0} B)", conn, duration, Get(closed, staticPath)));
        }
        if (o.Runs("availability"))
        {
            foreach (var rate in o.Smoke ? new double[] { 100 } : [500, 1000, 2000])
                results.Add(await Generator.OpenLoopAsync("GET availability (one provider-day)", rate, duration, Get(open, availabilityPath), lateness));
            using var closed = Client(o.Url, conn);
            results.Add(await Generator.ClosedLoopAsync("GET availability (one provider-day)", conn, duration, Get(closed, availabilityPath)));
        }
        if (o.Runs("shop"))
        {
            results.Add(await Generator.OpenLoopAsync("GET /api/v1/shops/{id}", Rate(1000), duration, Get(open, $"api/v1/shops/{shopId}"), lateness));
            using var closed = Client(o.Url, conn);
            results.Add(await Generator.ClosedLoopAsync("GET /api/v1/shops/{id}", conn, duration, Get(closed, $"api/v1/shops/{shopId}")));
        }
        // The pages before the booking storms: a storm leaves the app planning and sending thousands of messages for a
        // while, and the page line after it shows what a visitor meets then.
        if (o.Runs("pages"))
        {
            results.Add(await Generator.OpenLoopAsync("shop page, first byte (SSR)", Rate(200), duration, FirstByte(open, $"local/{o.Shop}"), lateness));
            results.Add(await Generator.OpenLoopAsync("booking wizard, first byte (SSR)", Rate(200), duration, FirstByte(open, $"local/{o.Shop}/reservar"), lateness));
        }
        if (o.Runs("bookings") || o.Runs("race"))
        {
            results.AddRange(await BookingStepsAsync(o, open, providers, service, today, duration, lateness));
            if (o.Runs("pages"))
                results.Add(await Generator.OpenLoopAsync("shop page, first byte (SSR), right after the booking storms", Rate(200), duration,
                    FirstByte(open, $"local/{o.Shop}"), lateness));
        }
        if (o.Runs("circuits"))
            results.AddRange(await Circuits.RunAsync(o));

        Table.Print(results, lateness);
        return Table.Check(results, o.Smoke);
    }

    public static HttpClient Client(Uri url, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Time to the response's headers (the first byte of a streamed page); the body is read after, off the clock.</summary>
    private static Func<long, CancellationToken, Task<Outcome>> FirstByte(HttpClient client, string path) => async (i, ct) =>
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        _ = Task.Run(async () =>
        {
            using (response)
                await response.Content.CopyToAsync(Stream.Null, CancellationToken.None);
        }, CancellationToken.None);
        return response.IsSuccessStatusCode ? Outcome.Ok : Outcome.Error;
    };

    private static async Task<(string Path, int Size)> FirstDayWithSlotsAsync(HttpClient client, string provider, string service, DateOnly from)
    {
        for (var d = from; d < from.AddDays(14); d = d.AddDays(1))
        {
            var path = $"api/v1/providers/{provider}/availability?serviceId={service}&date={d:yyyy-MM-dd}";
            var body = await client.GetByteArrayAsync(path);
            if (JsonDocument.Parse(body).RootElement.GetProperty("slots").GetArrayLength() > 0)
                return (path, body.Length);
        }
        throw new SuiteFailure($"no free slot for provider {provider} in the two weeks from {from}");
    }

    /// <summary>The asset the shop page links to (or its favicon) whose size is nearest to <paramref name="size"/>.</summary>
    private static async Task<(string Path, int Size)> StaticOfSizeAsync(HttpClient client, string shop, int size)
    {
        var html = await client.GetStringAsync($"local/{shop}");
        var candidates = AssetLinks().Matches(html).Select(m => m.Groups[1].Value)
            .Where(p => !p.Contains("://", StringComparison.Ordinal) && !p.StartsWith("/local", StringComparison.Ordinal)).Append("favicon.png").Distinct();
        (string, int)? best = null;
        foreach (var path in candidates)
        {
            using var response = await client.GetAsync(path.TrimStart('/'));
            if (!response.IsSuccessStatusCode)
                continue;
            var length = (await response.Content.ReadAsByteArrayAsync()).Length;
            if (best is null || Math.Abs(length - size) < Math.Abs(best.Value.Item2 - size))
                best = (path.TrimStart('/'), length);
        }
        return best ?? throw new SuiteFailure("no static asset found on the shop page");
    }

    [GeneratedRegex("(?:href|src)=\"([^\"#?]+\\.(?:css|js|png|svg|ico))\"")]
    private static partial Regex AssetLinks();
}
