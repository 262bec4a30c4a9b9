using System.Diagnostics;
using BarberPro.Domain;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace BarberPro.Benchmarks.Analytics;

/// <summary>
/// The analytics benchmark's database, kept between runs (seed once, measure many): a SQLite file
/// <c>{data}/analytics.db</c> with the app's settings (WAL, synchronous FULL; no planner statistics, as the app leaves
/// it), the same data in <c>{data}/analytics-analyzed.db</c> after <c>ANALYZE</c> ("sqlite-analyzed"), or the database
/// <c>barberpro_analytics</c> on
/// the PostgreSQL server in <c>BARBERPRO_BENCH_POSTGRES</c>. Migrated through the app's <see cref="DatabaseInitializer"/>
/// and seeded with <see cref="AnalyticsHistory"/> when the shop is missing; the app's own DI container on a fixed clock.
/// </summary>
internal sealed class AnalyticsDatabase : IAsyncDisposable
{
    public const string PostgresDatabase = "barberpro_analytics";

    private AnalyticsDatabase(string name, ServiceProvider services)
    {
        Name = name;
        Services = services;
    }

    public string Name { get; }
    public ServiceProvider Services { get; }
    public Guid ShopId { get; private set; }
    public string OwnerUserId { get; private set; } = "";
    public IReadOnlyList<Guid> ProviderIds { get; private set; } = [];
    public LocalDate Today { get; private set; }

    /// <summary>Opens (and seeds when needed) the database; <paramref name="configure"/> may add interceptors (SQL tracing).</summary>
    public static async Task<AnalyticsDatabase> OpenAsync(string database, string dataFolder, Action<IServiceCollection, bool>? configure = null)
    {
        var settings = new Dictionary<string, string?>();
        var sqlite = database.StartsWith("sqlite", StringComparison.Ordinal);
        var analyzed = database == "sqlite-analyzed";
        if (sqlite)
        {
            Directory.CreateDirectory(dataFolder);
            settings["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(dataFolder, analyzed ? "analytics-analyzed.db" : "analytics.db")}";
            settings["Database:SqliteSynchronous"] = "FULL";
        }
        else
        {
            var server = Environment.GetEnvironmentVariable(ContentionHarness.PostgresVariable) is { Length: > 0 } s ? s
                : throw new InvalidOperationException($"{ContentionHarness.PostgresVariable} is not set: run bench/run-analytics.sh.");
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PostgresDatabase}'", admin);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {PostgresDatabase}", admin);
                    await create.ExecuteNonQueryAsync();
                }
            }
            settings["Database:Provider"] = "PostgreSQL";
            settings["ConnectionStrings:BarberPro"] = new NpgsqlConnectionStringBuilder(server) { Database = PostgresDatabase }.ConnectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(AnalyticsHistory.Now))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddBarberProDomain(configuration, dataFolder);
        configure?.Invoke(services, sqlite);
        var bench = new AnalyticsDatabase(analyzed ? "SQLite FULL, analyzed" : sqlite ? "SQLite FULL" : "PostgreSQL", services.BuildServiceProvider());
        var factory = bench.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        await DatabaseInitializer.MigrateAsync(factory);
        await bench.SeedIfNeededAsync(factory);
        if (analyzed)
        {
            // The same data with the planner's statistics (sqlite_stat1), which the app never gathers today: what a
            // `PRAGMA optimize` or `ANALYZE` after start-up would give.
            await using var db = await factory.CreateDbContextAsync();
            if (!await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").AnyAsync(n => n > 0))
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        return bench;
    }

    private async Task SeedIfNeededAsync(IDbContextFactory<BarberProDbContext> factory)
    {
        await using (var db = await factory.CreateDbContextAsync())
        {
            var shop = await db.Shops.AsNoTracking().Where(s => s.Slug == AnalyticsHistory.Slug).Select(s => new { s.Id, s.OwnerUserId }).SingleOrDefaultAsync();
            if (shop is not null)
            {
                var count = await db.Bookings.CountAsync(b => b.ShopId == shop.Id);
                if (count != AnalyticsHistory.TotalBookings)
                    throw new InvalidOperationException($"{Name}: the benchmark shop has {count} bookings, not {AnalyticsHistory.TotalBookings}: delete the data folder and seed again.");
                await LoadKeysAsync(db, shop.Id, shop.OwnerUserId!);
                Console.Error.WriteLine($"{Name}: seeded database found ({count} bookings).");
                return;
            }
        }

        var clock = Stopwatch.StartNew();
        var history = AnalyticsHistory.Build();
        var built = clock.Elapsed;
        // One transaction: a seed that fails leaves nothing behind.
        await using (var strategyDb = await factory.CreateDbContextAsync())
        await strategyDb.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Users.Add(history.Owner);
            db.Users.AddRange(history.Users);
            db.Shops.Add(history.Shop);
            db.Offerings.AddRange(history.Offerings);
            db.Providers.AddRange(history.Providers);
            db.Customers.AddRange(history.Customers);
            db.ShopCustomers.AddRange(history.ShopCustomers);
            db.ShopClosures.AddRange(history.Closures);
            await db.SaveChangesAsync();
            await BulkWriter.WriteAsync(db, history.Bookings);
            await BulkWriter.WriteAsync(db, history.Bookings.SelectMany(b => b.History).ToList());
            await BulkWriter.WriteAsync(db, history.Notifications);
            await BulkWriter.WriteAsync(db, history.Waitlist);
            await transaction.CommitAsync();
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync("ANALYZE"); // what autovacuum would do within a minute of the load
        });
        await using (var db = await factory.CreateDbContextAsync())
        {
            var count = await db.Bookings.CountAsync(b => b.ShopId == history.Shop.Id);
            if (count != AnalyticsHistory.TotalBookings)
                throw new InvalidOperationException($"{Name}: EF reads {count} of the {AnalyticsHistory.TotalBookings} bookings written.");
            await LoadKeysAsync(db, history.Shop.Id, history.Owner.Id);
        }
        Console.Error.WriteLine($"{Name}: seeded in {clock.Elapsed.TotalSeconds:0.0} s (built in memory in {built.TotalSeconds:0.0} s): " +
            $"{history.Bookings.Count} bookings, {history.Bookings.Sum(b => b.History.Count)} history rows, {history.Notifications.Count} reminders, " +
            $"{history.Waitlist.Count} waitlist entries, {history.Customers.Count} customers.");
    }

    private async Task LoadKeysAsync(BarberProDbContext db, Guid shopId, string ownerUserId)
    {
        ShopId = shopId;
        OwnerUserId = ownerUserId;
        ProviderIds = await db.Providers.AsNoTracking().Where(p => p.ShopId == shopId).OrderBy(p => p.DisplayName).Select(p => p.Id).ToListAsync();
        var zone = DateTimeZoneProviders.Tzdb[await db.Shops.Where(s => s.Id == shopId).Select(s => s.TimeZoneId).SingleAsync()];
        Today = AnalyticsHistory.Now.InZone(zone).Date;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
