using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Accounts;

/// <summary>
/// The one rule for who must sign in with an authenticator app: every admin, and the owner and providers of a shop
/// whose owner turned on <see cref="Shops.Shop.RequiresStaffTwoFactor"/>. Customers never. Staff of other shops are
/// not affected by a shop's setting.
/// </summary>
public sealed class StaffTwoFactorRule(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public async Task<bool> IsRequiredAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (roles.Contains(Roles.Admin))
            return true;
        var owner = roles.Contains(Roles.Owner);
        var provider = roles.Contains(Roles.Provider);
        if (!owner && !provider)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (owner && await db.Shops.AnyAsync(s => s.OwnerUserId == userId && s.RequiresStaffTwoFactor, ct))
            || (provider && await db.Providers.AnyAsync(p => p.UserId == userId
                && db.Shops.Any(s => s.Id == p.ShopId && s.RequiresStaffTwoFactor), ct));
    }
}
