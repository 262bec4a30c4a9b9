using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.WarmUp;

/// <summary>
/// A fresh process runs its hot paths as tier-0 JIT code, with EF Core's queries not yet compiled, and serves a third of
/// its steady throughput for its first minute of load (issue 15). Once Kestrel listens, this sends the app's own hot
/// requests to itself over loopback — a shop, availability for a week of days of each provider, the shop page and the
/// booking wizard (server-rendered) — a few hundred times, so that the first visitors meet tier-1 code and cached query
/// plans. It runs in the background (the app answers meanwhile) and stops at <c>WarmUp:Seconds</c>.
/// On by default when deployed; off in Development and Testing (tests and the two-node proof measure nothing of it);
/// <c>WarmUp:Enabled</c> overrides either way. A warm-up that cannot run (the server redirects its own plain-HTTP
/// requests, a request fails) logs why and leaves the app as it would be without one.
/// </summary>
public sealed class StartupWarmUp(IServer server, IHostApplicationLifetime lifetime, IDbContextFactory<BarberProDbContext> dbFactory,
    IConfiguration configuration, ILogger<StartupWarmUp> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the warm-up ended (ran, was skipped or failed), with the number of answered requests it sent.</summary>
    public Task<int> Completed => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var answered = 0;
        try
        {
            answered = await WarmAsync(stoppingToken);
        }
        finally
        {
            _done.TrySetResult(answered);
        }
    }

    private async Task<int> WarmAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
            return 0;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
            return 0;
        var rounds = configuration.GetValue("WarmUp:Rounds", 200);
        var limit = TimeSpan.FromSeconds(configuration.GetValue("WarmUp:Seconds", 20));
        var clock = Stopwatch.StartNew();
        var sent = 0;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
            var slug = await db.Shops.AsNoTracking().OrderBy(s => s.Slug).Select(s => s.Slug).FirstOrDefaultAsync(stoppingToken);
            if (slug is null)
                return 0;
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri(Loopback(address)),
                Timeout = TimeSpan.FromSeconds(10),
            };
            // Deployed behind a TLS proxy, plain HTTP is redirected unless the proxy's header says HTTPS (honoured from loopback
            // when forwarded headers are on); a server that redirects anyway is not warmed.
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            using var first = await client.GetAsync($"api/v1/shops/{slug}", stoppingToken);
            if (!first.IsSuccessStatusCode)
            {
                logger.LogInformation("Warm-up skipped: this server answered {Status} to its own request.", (int)first.StatusCode);
                return 0;
            }
            var shop = await first.Content.ReadFromJsonAsync<JsonElement>(stoppingToken);
            var shopId = shop.GetProperty("id").GetString();
            var providers = shop.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
            var service = shop.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()).FirstOrDefault();
            var today = DateTime.UtcNow.Date;
            var paths = new List<string> { $"api/v1/shops/{shopId}", $"local/{slug}", $"local/{slug}/reservar" };
            paths.AddRange(providers.SelectMany(p => Enumerable.Range(1, 7)
                .Select(d => $"api/v1/providers/{p}/availability?serviceId={service}&date={today.AddDays(d):yyyy-MM-dd}")));

            // Two at a time (the machine's other core answers visitors), round after round, until the rounds or the time run out.
            for (var round = 0; round < rounds && clock.Elapsed < limit && !stoppingToken.IsCancellationRequested; round++)
            {
                for (var i = 0; i < paths.Count; i += 2)
                {
                    await Task.WhenAll(paths.Skip(i).Take(2).Select(async path =>
                    {
                        using var response = await client.GetAsync(path, stoppingToken);
                        await response.Content.LoadIntoBufferAsync(stoppingToken);
                        if (response.IsSuccessStatusCode)
                            Interlocked.Increment(ref sent);
                    }));
                }
            }
            logger.LogInformation("Warm-up: {Requests} requests to this server in {Milliseconds} ms.", sent, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // A warm-up that cannot run leaves the app as it would be without one.
            if (!stoppingToken.IsCancellationRequested)
                logger.LogWarning(e, "Warm-up stopped after {Requests} requests.", sent);
        }
        return sent;
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The listening address with a wildcard host (http://+:8080, http://[::]:80) made a loopback one.</summary>
    public static string Loopback(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        if (uri.Host == "localhost")
            uri.Host = "127.0.0.1";
        uri.Path = "/";
        return uri.Uri.ToString();
    }
}

public static class WarmUpSetup
{
    /// <summary>The start-up warm-up (<see cref="StartupWarmUp"/>): on when deployed unless WarmUp:Enabled says otherwise.</summary>
    public static WebApplicationBuilder AddBarberProWarmUp(this WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue<bool?>("WarmUp:Enabled") ?? Security.SecurityHeaders.IsDeployed(builder.Environment);
        if (enabled)
            builder.Services.AddHostedService<StartupWarmUp>();
        return builder;
    }
}
