using BarberPro.Domain.Bookings;
using BarberPro.Domain.Shops;

namespace BarberPro.Domain.Common;

/// <summary>Who runs a shop: its owner and admins.</summary>
public static class Access
{
    public static bool CanRunShop(Actor actor, Shop shop) =>
        actor.Role == ActorRole.Admin || (actor.Role == ActorRole.Owner && shop.OwnerUserId == actor.UserId);
}
