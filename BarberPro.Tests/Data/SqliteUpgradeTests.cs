using BarberPro.Domain;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;

namespace BarberPro.Tests.Data;

/// <summary>
/// An existing SQLite file from before the provider-neutral schema (prices as decimal TEXT, no local start date)
/// upgraded by the app's start-up: prices become centavos with the same value, and bookings get their local date.
/// </summary>
public sealed class SqliteUpgradeTests : IAsyncDisposable
{
    private const string LastMigrationBefore = "20261130035548_DatabaseFileStamp";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "barberpro-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FileFromBeforeProviderNeutralSchema_KeepsItsPrices_AndGetsLocalStartDates()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "barberpro.db");
        await using var services = Services(file);
        var dbFactory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);
        var (shop, offering, provider, customer, booking) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Tuesday 2026-12-08 22:00 in Buenos Aires = Wednesday 01:00 UTC.
        var start = TestSupport.TestAgenda.TuesdayAt(22).ToUnixTimeTicks();
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await InsertAsync(connection, "Shops", new() { ["Id"] = Text(shop), ["Slug"] = "vieja", ["TimeZoneId"] = "America/Argentina/Buenos_Aires" });
            await InsertAsync(connection, "Offerings", new() { ["Id"] = Text(offering), ["ShopId"] = Text(shop), ["Price"] = "10500.5" });
            await InsertAsync(connection, "Providers", new() { ["Id"] = Text(provider), ["ShopId"] = Text(shop) });
            await InsertAsync(connection, "Customers", new() { ["Id"] = Text(customer) });
            await InsertAsync(connection, "Bookings", new()
            {
                ["Id"] = Text(booking), ["ShopId"] = Text(shop), ["ProviderId"] = Text(provider), ["OfferingId"] = Text(offering),
                ["CustomerId"] = Text(customer), ["Price"] = "12000.0", ["Start"] = start, ["End"] = start, ["Status"] = "Confirmed",
            });
        }

        await DatabaseInitializer.MigrateAsync(dbFactory);

        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(10500.50m, await check.Offerings.Where(o => o.Id == offering).Select(o => o.Price).SingleAsync());
        var stored = await check.Bookings.Where(b => b.Id == booking).Select(b => new { b.Price, b.LocalStartDate }).SingleAsync();
        Assert.Equal(12000m, stored.Price);
        Assert.Equal(TestSupport.TestAgenda.Tuesday, stored.LocalStartDate);
        await using var raw = new SqliteConnection($"Data Source={file}");
        await raw.OpenAsync();
        await using var command = new SqliteCommand("SELECT typeof(\"Price\") || ':' || \"Price\" FROM \"Bookings\"", raw);
        Assert.Equal("integer:1200000", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task FileFromBeforeBookingFacts_TellsWhoMadeAndWhoCancelledItsBookings_AndWhetherLate()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "barberpro.db");
        await using var services = Services(file);
        var dbFactory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync("20261130064442_Notifications");
        var (shop, offering, provider, customer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var start = TestSupport.TestAgenda.TuesdayAt(10);
        var (byStaff, lateByCustomer, earlyByShop) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await InsertAsync(connection, "Shops", new() { ["Id"] = Text(shop), ["Slug"] = "vieja", ["TimeZoneId"] = "America/Argentina/Buenos_Aires",
                ["CancellationWindowMinutes"] = 120 });
            await InsertAsync(connection, "Offerings", new() { ["Id"] = Text(offering), ["ShopId"] = Text(shop) });
            await InsertAsync(connection, "Providers", new() { ["Id"] = Text(provider), ["ShopId"] = Text(shop) });
            await InsertAsync(connection, "Customers", new() { ["Id"] = Text(customer) });
            foreach (var (id, status, createdBy) in new[] { (byStaff, "Confirmed", "Owner"), (lateByCustomer, "Cancelled", "Customer"), (earlyByShop, "Cancelled", "Customer") })
            {
                await InsertAsync(connection, "Bookings", new()
                {
                    ["Id"] = Text(id), ["ShopId"] = Text(shop), ["ProviderId"] = Text(provider), ["OfferingId"] = Text(offering),
                    ["CustomerId"] = Text(customer), ["Start"] = start.ToUnixTimeTicks(), ["End"] = start.ToUnixTimeTicks(), ["Status"] = status,
                });
                await InsertAsync(connection, "BookingHistory", new() { ["Id"] = Text(Guid.NewGuid()), ["BookingId"] = Text(id), ["ToStatus"] = "Pending",
                    ["ByRole"] = createdBy, ["At"] = (start - Duration.FromDays(3)).ToUnixTimeTicks() });
            }
            // 30 minutes before the start with a 2-hour window: late. Five hours before: not.
            await InsertAsync(connection, "BookingHistory", new() { ["Id"] = Text(Guid.NewGuid()), ["BookingId"] = Text(lateByCustomer), ["Action"] = "Cancel",
                ["ToStatus"] = "Cancelled", ["ByRole"] = "Customer", ["At"] = (start - Duration.FromMinutes(30)).ToUnixTimeTicks() });
            await InsertAsync(connection, "BookingHistory", new() { ["Id"] = Text(Guid.NewGuid()), ["BookingId"] = Text(earlyByShop), ["Action"] = "Cancel",
                ["ToStatus"] = "Cancelled", ["ByRole"] = "Provider", ["At"] = (start - Duration.FromHours(5)).ToUnixTimeTicks() });
        }

        await DatabaseInitializer.MigrateAsync(dbFactory);

        await using var check = await dbFactory.CreateDbContextAsync();
        var facts = (await check.Bookings.Select(b => new { b.Id, b.CreatedByRole, b.CancelledAt, b.CancelledByRole, b.CancelledLate }).ToListAsync()).ToDictionary(b => b.Id);
        Assert.Equal((ActorRole.Owner, (Instant?)null, (ActorRole?)null, false),
            (facts[byStaff].CreatedByRole, facts[byStaff].CancelledAt, facts[byStaff].CancelledByRole, facts[byStaff].CancelledLate));
        Assert.Equal((ActorRole.Customer, (Instant?)(start - Duration.FromMinutes(30)), (ActorRole?)ActorRole.Customer, true),
            (facts[lateByCustomer].CreatedByRole, facts[lateByCustomer].CancelledAt, facts[lateByCustomer].CancelledByRole, facts[lateByCustomer].CancelledLate));
        Assert.Equal((ActorRole.Customer, (Instant?)(start - Duration.FromHours(5)), (ActorRole?)ActorRole.Provider, false),
            (facts[earlyByShop].CreatedByRole, facts[earlyByShop].CancelledAt, facts[earlyByShop].CancelledByRole, facts[earlyByShop].CancelledLate));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static ServiceProvider Services(string file) => new ServiceCollection()
        .AddSingleton<IClock>(new FakeClock(TestSupport.TestAgenda.DefaultNow))
        .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
        .AddBarberProDomain(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:BarberPro"] = $"Data Source={file}",
        }).Build(), Path.GetDirectoryName(file)!)
        .BuildServiceProvider();

    /// <summary>Inserts a row with <paramref name="values"/>, filling the other NOT NULL columns with 0 or ''.</summary>
    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> values)
    {
        var row = new Dictionary<string, object>(values);
        await using (var info = new SqliteCommand($"PRAGMA table_info(\"{table}\")", connection))
        await using (var reader = await info.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (name, type, notNull, hasDefault) = (reader.GetString(1), reader.GetString(2), reader.GetInt32(3) == 1, !reader.IsDBNull(4));
                if (notNull && !hasDefault && !row.ContainsKey(name))
                    row[name] = type is "INTEGER" or "REAL" ? 0 : "";
            }
        }
        await using var insert = new SqliteCommand(
            $"INSERT INTO \"{table}\" ({string.Join(", ", row.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", row.Keys.Select((_, i) => $"@p{i}"))})",
            connection);
        foreach (var (value, i) in row.Values.Select((v, i) => (v, i)))
            insert.Parameters.AddWithValue($"@p{i}", value);
        await insert.ExecuteNonQueryAsync();
    }
}
