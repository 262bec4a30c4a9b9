using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Shops;

/// <summary>What an owner can change about the shop itself.</summary>
public sealed record ShopSettings(string Name, string TimeZoneId, string? Address, string? Phone, BookingPolicy Policy);

/// <summary>Shop name, zone, contact data and booking policy. Owners of the shop and admins only.</summary>
public sealed class ShopSettingsService(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public async Task<Result<Shop>> UpdateAsync(Guid shopId, ShopSettings settings, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<Shop>.NotFound();
        try
        {
            shop.Rename(settings.Name);
            shop.ChangeTimeZone(settings.TimeZoneId);
            shop.ChangePolicy(settings.Policy);
            shop.ChangeContact(settings.Address, settings.Phone);
            await db.SaveChangesAsync(ct);
            return Result<Shop>.Ok(shop);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }
}
