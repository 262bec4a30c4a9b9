using BarberPro.Domain.Bookings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BarberPro.Domain.Data;

/// <summary>
/// Brings the database up to date with migrations at start-up (never EnsureCreated), checks that an existing SQLite
/// file is a sound database first, and stamps the file for <see cref="DatabaseFileGuard"/>.
/// </summary>
public static class DatabaseInitializer
{
    private const int BackfillBatch = 500;

    /// <exception cref="DatabaseStartupException">The database file cannot be opened, read or written, or is damaged.</exception>
    public static async Task MigrateAsync(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = db.Database.IsSqlite() ? new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource : null;
        try
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(ct);
                // WAL lets readers (availability pages) run while a booking commits; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                var check = await db.Database.SqlQueryRaw<string>("PRAGMA quick_check(5);").ToListAsync(ct);
                if (check is not ["ok"] && file is not null)
                    throw new DatabaseStartupException(Damaged(file, string.Join("; ", check)));
            }
            await db.Database.MigrateAsync(ct);
            await BackfillLocalStartDatesAsync(dbFactory, ct);
            await OptimizeAsync(db, ct);
            var gate = db.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?
                .Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
            if (gate is not null)
                await gate.Guard.StampAsync(db, ct);
        }
        catch (SqliteException e) when (file is not null)
        {
            throw new DatabaseStartupException(Explain(file, e), e);
        }
    }

    /// <summary>
    /// SQLite's planner picks indexes by the statistics <c>ANALYZE</c> keeps, and without them it can pick a poor one for
    /// correlated subqueries (an analytics report took minutes on a big file). SQLite's advice for long-lived apps:
    /// <c>PRAGMA optimize</c> at start-up (here with a bounded analysis, so a big file does not slow the start) and now and
    /// then (the daily "database-optimize" job). Nothing on the other databases, which keep their own statistics.
    /// </summary>
    public static async Task OptimizeAsync(BarberProDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite())
            return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>
    /// Bookings stored before <see cref="Booking.LocalStartDate"/> existed carry its default (0001-01-01); this sets it
    /// from the shop's zone, a batch at a time. Idempotent; one index seek per shop when there is nothing to do.
    /// </summary>
    private static async Task BackfillLocalStartDatesAsync(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        var unset = default(NodaTime.LocalDate);
        List<(Guid Id, string Zone)> shops;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            shops = (await db.Shops.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(ct)).Select(s => (s.Id, s.TimeZoneId)).ToList();
        foreach (var (shopId, zoneId) in shops)
        {
            var zone = NodaTime.DateTimeZoneProviders.Tzdb[zoneId];
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var batch = await db.Bookings.Where(b => b.ShopId == shopId && b.LocalStartDate == unset).Take(BackfillBatch).ToListAsync(ct);
                if (batch.Count == 0)
                    break;
                foreach (var booking in batch)
                    booking.RefreshLocalStartDate(zone);
                await db.SaveChangesAsync(ct);
            }
        }
    }

    private static string Explain(string file, SqliteException e) => e.SqliteErrorCode switch
    {
        DatabaseFaults.SqliteNotADb or DatabaseFaults.SqliteCorrupt => Damaged(file, e.Message),
        DatabaseFaults.SqliteBusy or DatabaseFaults.SqliteLocked =>
            $"The database file '{file}' is locked by another process ({e.Message}). Stop the other program or BarberPro instance using it, then start again.",
        _ =>
            $"BarberPro cannot open the database file '{file}' ({e.Message}). Check that the file and its folder exist and that the user running " +
            "the app may read and write both (SQLite also writes '-wal' and '-shm' files next to it). If the file is damaged, restore " +
            "your latest backup to that path, or move the file away to start with an empty database.",
    };

    private static string Damaged(string file, string detail) =>
        $"The database file '{file}' is not a readable SQLite database, or it is damaged ({detail}). BarberPro did not start, so " +
        $"that it changes nothing in it. Restore your latest backup to '{file}', or move the file (and any '-wal' and '-shm' files " +
        "next to it) somewhere else to start with an empty database.";
}

/// <summary>The database cannot be used at start-up; the message names the file and what to do. The app exits with it.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
