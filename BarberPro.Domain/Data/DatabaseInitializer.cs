using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Data;

/// <summary>Brings the database up to date with migrations at start-up (never EnsureCreated).</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (availability pages) run while a booking commits; the mode is stored in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}
