using System.Globalization;
using BarberPro.Domain.Customers;
using BarberPro.Web.Components;
using BarberPro.Web.Features.MyBookings;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Clients;

/// <summary>How the client book's pages write a client: addresses, dates in the shop's zone, and the links to reach them.</summary>
public static class ClientsFormat
{
    public const string ListPath = "/clientes";

    public static string ListHref(Guid shopId) => $"{ListPath}?local={shopId}";

    public static string Href(Guid shopId, Guid customerId) => $"{ListPath}/{customerId}?local={shopId}";

    /// <summary>"12 nov 2026" in the shop's zone.</summary>
    public static string Date(Instant at, DateTimeZone zone) =>
        LocalDatePattern.Create("d MMM uuuu", CultureInfo.CurrentCulture).Format(at.InZone(zone).Date);

    /// <summary>"tel:+5491123456789".</summary>
    public static string? Tel(string? phone) => ShopContact.TelHref(phone);

    /// <summary>"https://wa.me/5491123456789".</summary>
    public static string? WhatsApp(string? phone) => ShopContact.WhatsAppHref(phone);

    public static string Phone(string phone) => Formatting.Phone(phone);
}
