using BarberPro.Domain.Data;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A fresh SQLite file in a temp folder, migrated, with the domain services wired as the app wires them
/// (same pragmas, WAL, FULL sync) and a <see cref="FakeClock"/>. Deleted on dispose.
/// </summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private SqliteTestDatabase(string folder, Microsoft.Extensions.DependencyInjection.ServiceProvider services, FakeClock clock,
        IDictionary<string, string?> settings)
        : base(services, clock, settings, folder) => Folder = folder;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public string Folder { get; }
    public string FilePath => Path.Combine(Folder, "barberpro.db");

    /// <param name="now">What the fake clock says; defaults to Monday 2026-12-07 09:00 in Buenos Aires.</param>
    /// <param name="settings">Extra configuration, e.g. Database:BusyTimeoutSeconds.</param>
    public static async Task<SqliteTestDatabase> CreateAsync(Instant? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "barberpro-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new FakeClock(now ?? TestAgenda.DefaultNow);
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(folder, "barberpro.db")}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        var services = BuildServices(clock, configuration, folder);
        var db = new SqliteTestDatabase(folder, services, clock, configuration);
        await DatabaseInitializer.MigrateAsync(db.DbFactory);
        return db;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
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
