using System.Diagnostics;
using System.Globalization;

namespace BarberPro.Load;

/// <summary>
/// A fresh process's start: time from its launch (<c>--since-unix-ms</c>, taken by the caller just before starting it)
/// to the first 200 of the availability endpoint, then a closed loop on that endpoint for <c>--seconds</c>, second by
/// second: "steady" is the first second from which every second runs at ≥ 90 % of the median of the last third.
/// </summary>
public static class WarmStart
{
    public static async Task<int> RunAsync(SuiteOptions o)
    {
        using var client = Suite.Client(o.Url, 8);
        var since = o.SinceUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string? path = null;
        for (var i = 0; i < 1200 && path is null; i++)
        {
            try
            {
                using var shop = await client.GetAsync($"api/v1/shops/{o.Shop}");
                if (shop.IsSuccessStatusCode)
                {
                    var json = System.Text.Json.JsonDocument.Parse(await shop.Content.ReadAsStringAsync()).RootElement;
                    var provider = json.GetProperty("providers")[0].GetProperty("id").GetString();
                    var service = json.GetProperty("services")[0].GetProperty("id").GetString();
                    path = $"api/v1/providers/{provider}/availability?serviceId={service}&date={DateTime.UtcNow.AddDays(3):yyyy-MM-dd}";
                }
            }
            catch (HttpRequestException)
            {
            }
            if (path is null)
                await Task.Delay(50);
        }
        if (path is null)
            throw new SuiteFailure("the app never answered 200");
        var firstOk = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - since;

        var seconds = (int)o.Seconds;
        var perSecond = new int[seconds];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + seconds * Stopwatch.Frequency;
        async Task Worker()
        {
            while (Stopwatch.GetTimestamp() is var now && now < deadline)
            {
                using var response = await client.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                var second = (int)((Stopwatch.GetTimestamp() - started) / Stopwatch.Frequency);
                if (response.IsSuccessStatusCode && second < seconds)
                    Interlocked.Increment(ref perSecond[second]);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)));
        var steady = perSecond.Skip(seconds * 2 / 3).Order().ElementAt((seconds - seconds * 2 / 3) / 2);
        // Smoothed over 3 seconds, so that one slow second (a GC, another process) does not move the answer.
        var smooth = Enumerable.Range(0, seconds).Select(s => perSecond.Skip(s).Take(3).Average()).ToArray();
        var steadyFrom = Enumerable.Range(0, seconds).First(s => smooth.Skip(s).All(n => n >= 0.9 * steady));
        Console.WriteLine($"WARM first200={firstOk / 1000.0:0.00}s steadyAfter={steadyFrom}s steady={steady}/s firstSecond={perSecond[0]}/s " +
            $"first10s={perSecond.Take(10).Sum() / 10.0:0}/s perSecond={string.Join(',', perSecond.Select(n => n.ToString(CultureInfo.InvariantCulture)))}");
        return 0;
    }
}
