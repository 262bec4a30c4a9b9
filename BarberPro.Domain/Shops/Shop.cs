using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>A business that takes bookings: one place, one time zone, one booking policy.</summary>
public sealed class Shop
{
    public const string DefaultTimeZoneId = "America/Argentina/Buenos_Aires";
    public const int MaxNameLength = 120;
    public const int MaxAddressLength = 200;
    public const int MaxPhoneLength = 32;

    private readonly List<ShopClosure> _closures = [];

    private Shop() { }

    public Shop(string name, string slug, string timeZoneId = DefaultTimeZoneId, Vertical vertical = Vertical.Barber, BookingPolicy? policy = null)
    {
        Id = Guid.CreateVersion7();
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
    /// <summary>
    /// When true, the shop's owner and providers must sign in with an authenticator app (see
    /// <see cref="Accounts.StaffTwoFactorRule"/>); customers are never asked.
    /// </summary>
    public bool RequiresStaffTwoFactor { get; private set; }
    /// <summary>The shop's accent colour as "#rrggbb" (buttons and headings on its pages); null for the app's own.</summary>
    public string? AccentColor { get; private set; }

    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>Dates the whole shop is closed (as loaded: callers include what they need).</summary>
    public IReadOnlyList<ShopClosure> Closures => _closures;

    public void Rename(string name)
    {
        name = PlainText.Name(name);
        if (name.Length is < 2 or > MaxNameLength)
            throw new DomainException(new("shop.name", $"El nombre del local debe tener entre 2 y {MaxNameLength} caracteres.", nameof(Name)));
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

    /// <summary>The address (up to <see cref="MaxAddressLength"/> characters) and phone (up to <see cref="MaxPhoneLength"/>) shown to customers; blank clears them.</summary>
    public void ChangeContact(string? address, string? phone)
    {
        address = PlainText.Name(address);
        phone = PlainText.Name(phone);
        if (address.Length > MaxAddressLength)
            throw new DomainException(new("shop.address", $"La dirección puede tener hasta {MaxAddressLength} caracteres.", nameof(Address)));
        if (phone.Length > MaxPhoneLength)
            throw new DomainException(new("shop.phone", $"El teléfono del local puede tener hasta {MaxPhoneLength} caracteres.", nameof(Phone)));
        Address = address.Length == 0 ? null : address;
        Phone = phone.Length == 0 ? null : phone;
    }

    public void AssignOwner(string userId) => OwnerUserId = userId;

    /// <summary>Sets the accent colour ("#rrggbb", any case; blank for the app's own colour).</summary>
    public void ChangeAccentColor(string? color)
    {
        color = (color ?? "").Trim();
        if (color.Length == 0)
        {
            AccentColor = null;
            return;
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(color, "^#[0-9a-fA-F]{6}$"))
            throw new DomainException(new("shop.accent_color", "El color tiene que ser como #1E88E5.", nameof(AccentColor)));
        AccentColor = color.ToLowerInvariant();
    }

    public void RequireStaffTwoFactor(bool required) => RequiresStaffTwoFactor = required;

    /// <summary>How far ahead a closure may be set, in years.</summary>
    public const int MaxClosureYearsAhead = 3;

    /// <summary>
    /// Closes the whole shop on <paramref name="date"/> (every provider, whatever their hours), or changes the note of
    /// a date already closed. <paramref name="today"/> is the shop's current date: a past date is refused.
    /// Needs <see cref="Closures"/> loaded for that date.
    /// </summary>
    public ShopClosure CloseOn(LocalDate date, string? note, LocalDate today)
    {
        if (date < today)
            throw new DomainException(new("shop.closure_past", "Esa fecha ya pasó. Elegí hoy o una fecha futura.", "Date"));
        if (date > today.PlusYears(MaxClosureYearsAhead))
            throw new DomainException(new("shop.closure_too_far", $"Podés cerrar días hasta dentro de {MaxClosureYearsAhead} años.", "Date"));
        if (_closures.SingleOrDefault(c => c.Date == date) is { } existing)
        {
            existing.ChangeNote(note);
            return existing;
        }
        var closure = new ShopClosure(Id, date, note);
        _closures.Add(closure);
        return closure;
    }

    /// <summary>Opens <paramref name="date"/> again: each provider's own hours apply. Needs <see cref="Closures"/> loaded for that date.</summary>
    public ShopClosure Reopen(LocalDate date)
    {
        var closure = _closures.SingleOrDefault(c => c.Date == date)
            ?? throw new DomainException(new("shop.closure_missing", "Ese día el local no estaba cerrado.", "Date"));
        _closures.Remove(closure);
        return closure;
    }

    private static string NormalizeSlug(string slug)
    {
        slug = (slug ?? "").Trim().ToLowerInvariant();
        if (slug.Length is < 2 or > 80 || !slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            throw new DomainException(new("shop.slug", "El identificador del local solo admite letras minúsculas, números y guiones.", nameof(Slug)));
        return slug;
    }
}
