using BarberPro.Domain.Accounts;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A small shop written to a test database: one owner, one barber working Tuesday to Saturday 09:00–13:00 and
/// 14:00–20:00, a 30-minute haircut with a 5-minute buffer after, a 60-minute group-free color, and customers (the
/// first two are the shop's customers).
/// </summary>
public sealed class TestAgenda
{
    public static readonly DateTimeZone BuenosAires = DateTimeZoneProviders.Tzdb["America/Argentina/Buenos_Aires"];

    /// <summary>Monday 2026-12-07 09:00 in Buenos Aires (UTC-3).</summary>
    public static readonly Instant DefaultNow = Local(new LocalDateTime(2026, 12, 7, 9, 0));

    /// <summary>Tuesday after <see cref="DefaultNow"/>: a working day with nothing booked.</summary>
    public static readonly LocalDate Tuesday = new(2026, 12, 8);

    public required Shop Shop { get; init; }
    public required Provider Barber { get; init; }
    public required Provider OtherBarber { get; init; }
    public required Offering Haircut { get; init; }
    public required Offering Color { get; init; }
    public required Customer Customer { get; init; }
    public required Customer OtherCustomer { get; init; }
    public const string OwnerUserId = "owner-1";
    public const string BarberUserId = "barber-1";
    public const string OtherBarberUserId = "barber-2";
    public const string CustomerUserId = "customer-1";
    public const string OtherCustomerUserId = "customer-2";

    /// <summary>The user id of the i-th customer added by <c>SeedAsync(extraCustomers: n)</c>.</summary>
    public static string ExtraCustomerUserId(int i) => $"extra-{i}";

    public static Instant Local(LocalDateTime local) => local.InZoneStrictly(BuenosAires).ToInstant();

    /// <summary>An instant on <see cref="Tuesday"/> at hh:mm Buenos Aires time.</summary>
    public static Instant TuesdayAt(int hour, int minute = 0) => Local(Tuesday.At(new LocalTime(hour, minute)));

    public static async Task<TestAgenda> SeedAsync(TestDatabase database, int extraCustomers = 0)
    {
        await using var db = database.NewContext();
        foreach (var id in new[] { OwnerUserId, BarberUserId, OtherBarberUserId, CustomerUserId, OtherCustomerUserId })
            db.Users.Add(new AppUser { Id = id, UserName = id + "@test", Email = id + "@test", FullName = id });

        var shop = new Shop("Test Barber", "test-barber");
        shop.AssignOwner(OwnerUserId);
        var haircut = new Offering(shop.Id, "Corte", Duration.FromMinutes(30), 12000m, bufferAfter: Duration.FromMinutes(5));
        var color = new Offering(shop.Id, "Color", Duration.FromMinutes(60), 30000m, bufferBefore: Duration.FromMinutes(10));
        var barber = NewBarber(shop, "Barbero Uno", BarberUserId, haircut, color);
        var other = NewBarber(shop, "Barbero Dos", OtherBarberUserId, haircut, color);
        var customer = new Customer("Cliente Uno", "11 2345-6789", "customer-1@test", CustomerUserId);
        var otherCustomer = new Customer("Cliente Dos", "11 3456-7890", "customer-2@test", OtherCustomerUserId);

        db.AddRange(shop, haircut, color, barber, other, customer, otherCustomer);
        // Cliente Uno and Cliente Dos are the shop's customers (staff may book for them); the extra ones are not yet.
        await ShopCustomers.LinkAsync(db, shop.Id, customer, DefaultNow);
        await ShopCustomers.LinkAsync(db, shop.Id, otherCustomer, DefaultNow);
        for (var i = 0; i < extraCustomers; i++)
        {
            var userId = ExtraCustomerUserId(i);
            db.Users.Add(new AppUser { Id = userId, UserName = userId + "@test", Email = userId + "@test", FullName = userId });
            db.Customers.Add(new Customer($"Cliente Extra {i}", $"11 4{i:000}-{i:0000}", userId + "@test", userId));
        }
        await db.SaveChangesAsync();
        return new TestAgenda
        {
            Shop = shop, Barber = barber, OtherBarber = other, Haircut = haircut, Color = color,
            Customer = customer, OtherCustomer = otherCustomer,
        };
    }

    private static Provider NewBarber(Shop shop, string name, string userId, params Offering[] offerings)
    {
        var provider = new Provider(shop.Id, name, userId);
        var days = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday };
        provider.SetWeeklyHours(days.SelectMany(d => new[]
        {
            (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(13, 0))),
            (d, new LocalTimeRange(new LocalTime(14, 0), new LocalTime(20, 0))),
        }));
        foreach (var offering in offerings)
            provider.Offer(offering);
        return provider;
    }
}
