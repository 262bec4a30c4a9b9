using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Domain.Common;

/// <summary>Who may run what: the one place for the staff side of "who may see and manage what".</summary>
public static class Access
{
    /// <summary>Who runs a shop: its owner and admins.</summary>
    public static bool CanRunShop(Actor actor, Shop shop) =>
        actor.Role == ActorRole.Admin || (actor.Role == ActorRole.Owner && shop.OwnerUserId == actor.UserId);

    /// <summary>Whether <paramref name="actor"/> manages <paramref name="provider"/>'s agenda: whoever runs the shop, and the provider themselves.</summary>
    public static bool CanManageAgenda(Actor actor, Provider provider, Shop shop) =>
        CanRunShop(actor, shop) || (actor.Role == ActorRole.Provider && provider.UserId == actor.UserId);

    /// <summary>
    /// Whether <paramref name="actor"/> may see <paramref name="booking"/> (loaded with its shop, provider and customer):
    /// a customer their own, staff the agendas they manage. <see cref="BookingQueries"/> is the same rule in SQL.
    /// </summary>
    public static bool CanSeeBooking(Actor actor, Booking booking) =>
        actor.Role == ActorRole.Customer
            ? booking.Customer!.UserId == actor.UserId
            : CanManageAgenda(actor, booking.Provider!, booking.Shop!);
}
