using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>A business that takes bookings: one place, one time zone, one booking policy.</summary>
public sealed class Shop
{
    public const string DefaultTimeZoneId = "America/Argentina/Buenos_Aires";

    private Shop() { }

    public Shop(string name, string slug, string timeZoneId = DefaultTimeZoneId, Vertical vertical = Vertical.Barber, BookingPolicy? policy = null)
    {
        Id = Guid.NewGuid();
        Rename(name);
        Slug = NormalizeSlug(slug);
        ChangeTimeZone(timeZoneId);
        Vertical = vertical;
        ChangePolicy(policy ?? BookingPolicy.Default);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>URL-safe unique name, e.g. "barberpro-palermo".</summary>
    public string Slug { get; private set; } = "";
    /// <summary>IANA zone id; every local date and time of this shop is read in it.</summary>
    public string TimeZoneId { get; private set; } = DefaultTimeZoneId;
    public Vertical Vertical { get; private set; }
    public BookingPolicy Policy { get; private set; } = BookingPolicy.Default;
    /// <summary>ISO 4217; ARS for every shop today.</summary>
    public string Currency { get; private set; } = "ARS";
    public string? Address { get; private set; }
    public string? Phone { get; private set; }
    /// <summary>The Identity user id of the shop's owner.</summary>
    public string? OwnerUserId { get; private set; }

    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    public void Rename(string name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is < 2 or > 120)
            throw new DomainException(new("shop.name", "El nombre del local debe tener entre 2 y 120 caracteres.", nameof(Name)));
        Name = name;
    }

    public void ChangeTimeZone(string timeZoneId)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId ?? "") is null)
            throw new DomainException(new("shop.time_zone", "La zona horaria no es válida.", nameof(TimeZoneId)));
        TimeZoneId = timeZoneId!;
    }

    public void ChangePolicy(BookingPolicy policy)
    {
        if (policy.Validate() is { } error)
            throw new DomainException(error);
        Policy = policy;
    }

    public void ChangeContact(string? address, string? phone)
    {
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public void AssignOwner(string userId) => OwnerUserId = userId;

    private static string NormalizeSlug(string slug)
    {
        slug = (slug ?? "").Trim().ToLowerInvariant();
        if (slug.Length is < 2 or > 80 || !slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            throw new DomainException(new("shop.slug", "El identificador del local solo admite letras minúsculas, números y guiones.", nameof(Slug)));
        return slug;
    }
}
