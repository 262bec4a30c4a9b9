using BarberPro.Domain.Customers;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>
/// Links to reach a shop from its phone as the owner typed it in the shop settings (free text, e.g. "+54 9 11 4833-2211").
/// </summary>
public static class ShopContact
{
    /// <summary>"tel:+5491148332211": the typed digits, keeping a leading "+"; null when there is no phone.</summary>
    public static string? TelHref(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
            return null;
        return "tel:" + (phone!.TrimStart().StartsWith('+') ? "+" : "") + digits;
    }

    /// <summary>"https://wa.me/5491148332211": the E.164 digits of the mobile WhatsApp knows; null when the phone is not one.</summary>
    public static string? WhatsAppHref(string? phone) =>
        !string.IsNullOrWhiteSpace(phone) && ArgentinePhone.TryNormalize(phone, out var e164, out _)
            ? "https://wa.me/" + e164.TrimStart('+')
            : null;
}

/// <summary>"Reservar de nuevo": the wizard with the same service and barber chosen, opening at the day step.</summary>
public static class BookAgain
{
    /// <summary>The wizard at the day step for the same services (in order: one, or a visit's) with the same provider.</summary>
    public static string Href(string shopSlug, IReadOnlyList<Guid> offeringIds, Guid providerId) =>
        $"/local/{Uri.EscapeDataString(shopSlug)}/reservar?servicio={string.Join(",", offeringIds)}&profesional={providerId}";
}
