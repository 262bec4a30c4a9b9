using System.Diagnostics;
using System.Globalization;
using BarberPro.Domain;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace BarberPro.Benchmarks;

/// <summary>
/// How long the demo shop takes to seed at start-up: <c>dotnet run -c Release --project bench/BarberPro.Benchmarks -- demo-seed [runs]</c>.
/// Each run: a fresh SQLite file (the app's settings), migrated, the demo's user rows, then <see cref="DemoShop.SeedAsync"/>
/// alone is timed (what the app's start adds when the shop is missing); the first run is reported apart (JIT, EF model).
/// </summary>
internal static class DemoSeedTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var times = new List<double>();
        var counts = "";
        for (var run = 0; run <= runs; run++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "barberpro-demo-seed", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(folder, "demo.db")}",
            }).Build();
            await using (var services = new ServiceCollection()
                .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 12, 1, 12, 0)))
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
                .AddBarberProDomain(configuration, folder)
                .BuildServiceProvider())
            {
                var factory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
                await DatabaseInitializer.MigrateAsync(factory);
                await using var db = await factory.CreateDbContextAsync();
                string[] ids = ["owner", "b1", "b2", "b3", "customer", .. DemoClients.All.Select(c => c.EmailName)];
                foreach (var id in ids)
                    db.Users.Add(new AppUser { Id = id, UserName = id, Email = id + "@demo", FullName = id });
                await db.SaveChangesAsync();
                var clients = DemoClients.All.Select(c => new DemoClient(c.EmailName, c.FullName, c.EmailName + "@demo", c.Phone)).ToList();
                var started = Stopwatch.GetTimestamp();
                await DemoShop.SeedAsync(db, new DemoAccounts("owner", ["b1", "b2", "b3"], "customer", "customer@demo", clients),
                    services.GetRequiredService<IClock>().GetCurrentInstant());
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (run == 0)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first run (cold): {ms:0} ms"));
                else
                    times.Add(ms);
                if (run == runs)
                    await PrintStoryAsync(services);
                counts = $"{await db.Bookings.CountAsync()} bookings, {await db.Set<Domain.Bookings.BookingHistoryEntry>().CountAsync()} history rows, " +
                    $"{await db.Notifications.CountAsync()} reminders, {await db.WaitlistEntries.CountAsync()} waitlist entries, {await db.Customers.CountAsync()} customers";
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        times.Sort();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DemoShop.SeedAsync: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms over {runs} warm runs; {counts}"));
        return 0;
    }

    /// <summary>The demo's last 90 and 30 days as the owner's report shows them (the story the dashboard tells).</summary>
    private static async Task PrintStoryAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var shop = await db.Shops.SingleAsync(s => s.Slug == DemoShop.Slug);
        var today = services.GetRequiredService<IClock>().GetCurrentInstant().InZone(shop.TimeZone).Date;
        var analytics = services.GetRequiredService<Domain.Analytics.AnalyticsService>();
        foreach (var days in new[] { 90, 30 })
        {
            var report = (await analytics.ReportAsync(new Domain.Analytics.AnalyticsQuery(shop.Id, today.PlusDays(1 - days), today),
                Domain.Bookings.Actor.Owner(shop.OwnerUserId!))).Value!;
            var f = report.Current;
            var r = report.Reminders;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"last {days} days: made {f.Bookings.Made} (previous {report.Previous.Bookings.Made}), completed {f.Bookings.Completed}, no-shows {f.Bookings.NoShows} " +
                $"({f.Bookings.NoShowRate:P1}), cancelled by customer {f.Bookings.CancelledByCustomer}, by shop {f.Bookings.CancelledByShop}, late {f.Bookings.LateCancellations}; " +
                $"revenue {f.Revenue.Completed:N0}, occupancy {f.OccupancyRate:P0}, online {f.OnlineShare:P0}; clients new {f.Clients.New}, returning {f.Clients.Returning}, " +
                $"rebooked {f.Clients.Rebooked}, walk-ins {f.Clients.WalkIns}; reminders confirmed {r.Confirmed} ({r.ConfirmedNoShowRate:P1} no-shows) vs not {r.NotConfirmed} " +
                $"({r.NotConfirmedNoShowRate:P1}); waitlist never served {report.Unserved.WaitlistNeverServed}, full days {report.Unserved.FullDays.Count}"));
        }
    }
}
