using BarberPro.Domain;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A fresh SQLite file in a temp folder, migrated, with the domain services wired as the app wires them
/// (same pragmas, WAL, FULL sync) and a <see cref="FakeClock"/>. Deleted on dispose.
/// </summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SqliteTestDatabase(string folder, ServiceProvider services, FakeClock clock)
    {
        Folder = folder;
        _services = services;
        Clock = clock;
    }

    public string Folder { get; }
    public string FilePath => Path.Combine(Folder, "barberpro.db");
    public FakeClock Clock { get; }
    public IDbContextFactory<BarberProDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
    public BookingService Bookings => _services.GetRequiredService<BookingService>();
    public AvailabilityService Availability => _services.GetRequiredService<AvailabilityService>();
    public IBookingEvents Events => _services.GetRequiredService<IBookingEvents>();

    /// <summary>Registers this database's domain services (same instances) into another container, e.g. bUnit's.</summary>
    public void AddDomainTo(IServiceCollection services)
    {
        services.AddSingleton(DbFactory);
        services.AddSingleton<IClock>(Clock);
        services.AddSingleton(Events);
        services.AddSingleton(Availability);
        services.AddSingleton(Bookings);
    }

    /// <param name="now">What the fake clock says; defaults to Monday 2026-12-07 09:00 in Buenos Aires.</param>
    /// <param name="settings">Extra configuration, e.g. Database:BusyTimeoutSeconds.</param>
    public static async Task<SqliteTestDatabase> CreateAsync(Instant? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "barberpro-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new FakeClock(now ?? TestAgenda.DefaultNow);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(folder, "barberpro.db")}",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IClock>(clock)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddBarberProDomain(configuration, folder)
            .BuildServiceProvider();
        var db = new SqliteTestDatabase(folder, services, clock);
        await DatabaseInitializer.MigrateAsync(db.DbFactory);
        return db;
    }

    public BarberProDbContext NewContext() => DbFactory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing on another thread; the temp folder is cleaned by the OS.
        }
    }
}
