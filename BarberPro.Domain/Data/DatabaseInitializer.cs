using BarberPro.Domain.Bookings;
using NodaTime;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Data;

/// <summary>Brings the database up to date with migrations at start-up (never EnsureCreated).</summary>
public static class DatabaseInitializer
{
    private const int BackfillBatch = 500;

    public static async Task MigrateAsync(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (availability pages) run while a booking commits; the mode is stored in the file.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await db.Database.MigrateAsync(ct);
        }
        await BackfillLocalStartDatesAsync(dbFactory, ct);
    }

    /// <summary>
    /// Bookings stored before <see cref="Booking.LocalStartDate"/> existed carry its default (0001-01-01); this sets it
    /// from the shop's zone, a batch at a time. Idempotent; one index seek per shop when there is nothing to do.
    /// </summary>
    private static async Task BackfillLocalStartDatesAsync(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        var unset = default(LocalDate);
        List<(Guid Id, string Zone)> shops;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            shops = (await db.Shops.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(ct)).Select(s => (s.Id, s.TimeZoneId)).ToList();
        foreach (var (shopId, zoneId) in shops)
        {
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
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
}
