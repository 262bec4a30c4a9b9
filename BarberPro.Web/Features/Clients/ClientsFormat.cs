using BarberPro.Web.Components;
using BarberPro.Web.Features.MyBookings;

namespace BarberPro.Web.Features.Clients;

/// <summary>The client book's addresses (dates and phones are <see cref="Formatting"/>'s, call links <see cref="ShopContact"/>'s).</summary>
public static class ClientsFormat
{
    public const string ListPath = "/clientes";

    public static string ListHref(Guid shopId) => $"{ListPath}?local={shopId}";

    public static string Href(Guid shopId, Guid customerId) => $"{ListPath}/{customerId}?local={shopId}";
}
