using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Data;

/// <summary>Periodic upkeep of the database (a recurring job): SQLite's planner statistics (<see cref="DatabaseInitializer.OptimizeAsync"/>).</summary>
public sealed class DatabaseMaintenance(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public async Task OptimizeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await DatabaseInitializer.OptimizeAsync(db, ct);
    }
}
