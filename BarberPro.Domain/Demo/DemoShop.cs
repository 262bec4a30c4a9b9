using BarberPro.Domain.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Demo;

/// <summary>The user ids the demo shop links to (accounts are created by the web app, which owns Identity).</summary>
/// <param name="Clients">Clients with an account whose past visits <see cref="DemoHistory"/> adds (<see cref="DemoClients"/>); none when null.</param>
public sealed record DemoAccounts(string OwnerUserId, IReadOnlyList<string> BarberUserIds, string CustomerUserId, string CustomerEmail,
    IReadOnlyList<DemoClient>? Clients = null);

/// <summary>
/// "BarberPro Palermo": three barbers, five services, Tuesday-to-Saturday hours and three weeks of past and future
/// bookings around "now"; and a group class Diego gives on Saturday afternoons after those three weeks, the first with a
/// few participants; and four months of history before those weeks (<see cref="DemoHistory"/>). Idempotent: does nothing
/// when the shop already exists. Deterministic (fixed seed).
/// </summary>
public static class DemoShop
{
    public const string Slug = "barberpro-palermo";

    private static readonly string[] CustomerNames =
    [
        "Martín Gómez", "Lucía Fernández", "Santiago Rodríguez", "Valentina López", "Mateo Martínez", "Camila Díaz",
        "Joaquín Pérez", "Sofía Romero", "Tomás Álvarez", "Martina Torres", "Benjamín Ruiz", "Julieta Sosa",
        "Facundo Benítez", "Agustina Medina", "Nicolás Herrera",
    ];

    public static async Task<bool> SeedAsync(BarberProDbContext db, DemoAccounts accounts, Instant now, CancellationToken ct = default)
    {
        if (await db.Shops.AnyAsync(s => s.Slug == Slug, ct))
            return false;

        var shop = new Shop("BarberPro Palermo", Slug);
        shop.ChangeContact("Gorriti 4800, Palermo, CABA", "+54 9 11 4833-2211");
        shop.AssignOwner(accounts.OwnerUserId);

        var corte = new Offering(shop.Id, "Corte", Duration.FromMinutes(30), 12000m, bufferAfter: Duration.FromMinutes(5));
        var barba = new Offering(shop.Id, "Barba", Duration.FromMinutes(20), 8000m, bufferAfter: Duration.FromMinutes(5));
        var corteBarba = new Offering(shop.Id, "Corte + barba", Duration.FromMinutes(45), 17500m, bufferAfter: Duration.FromMinutes(5));
        var color = new Offering(shop.Id, "Color", Duration.FromMinutes(90), 35000m, Duration.FromMinutes(10), Duration.FromMinutes(10));
        var nino = new Offering(shop.Id, "Corte niño", Duration.FromMinutes(30), 9000m, bufferAfter: Duration.FromMinutes(5));
        Offering[] offerings = [corte, barba, corteBarba, color, nino];

        string[] names = ["Diego", "Fede", "Nacho"];
        var barbers = names.Select((name, i) => new Provider(shop.Id, name, accounts.BarberUserIds[i])).ToList();
        var workdays = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        foreach (var barber in barbers)
        {
            barber.SetWeeklyHours(workdays
                .SelectMany(d => new[]
                {
                    (d, new Scheduling.LocalTimeRange(new LocalTime(10, 0), new LocalTime(14, 0))),
                    (d, new Scheduling.LocalTimeRange(new LocalTime(15, 0), new LocalTime(20, 0))),
                })
                .Append((IsoDayOfWeek.Saturday, new Scheduling.LocalTimeRange(new LocalTime(10, 0), new LocalTime(18, 0)))));
            foreach (var o in offerings.Where(o => o != color || barber.DisplayName != "Nacho"))
                barber.Offer(o);
        }
        // A class for up to 6 (a group service: taken only as seats in its sessions, never as an individual booking).
        var workshop = new Offering(shop.Id, "Taller de barbería", Duration.FromHours(2), 20000m, capacity: 6,
            description: "Aprendé a hacer un degradé y a cuidar tu barba. Traé tu máquina si tenés.");
        barbers[0].Offer(workshop);

        var customers = new List<Customer>
        {
            new("Cliente Demo", "11 5555-0101", accounts.CustomerEmail, accounts.CustomerUserId),
        };
        customers.AddRange(CustomerNames.Select((n, i) => new Customer(n, $"11 {6000 + i * 37:0000}-{1000 + i * 211:0000}")));

        db.AddRange(shop);
        db.AddRange(offerings);
        db.Add(workshop);
        db.AddRange(barbers);
        db.AddRange(customers);
        foreach (var customer in customers)
            await ShopCustomers.LinkAsync(db, shop.Id, customer, now, ct);

        var random = new Random(2026);
        var zone = shop.TimeZone;
        var today = now.InZone(zone).Date;
        var hours = barbers.ToDictionary(b => b.Id, Availability.ProviderHours.Of);
        var individual = barbers.ToDictionary(b => b.Id, b => b.Offerings.Where(o => !o.IsGroup).ToList());
        for (var date = today.PlusDays(-21); date <= today.PlusDays(21); date = date.PlusDays(1))
        {
            foreach (var barber in barbers)
            {
                foreach (var range in hours[barber.Id].On(date))
                {
                    var cursor = ShopTime.ToInstant(date.At(range.Start), zone);
                    var end = ShopTime.ToInstant(date.At(range.End), zone);
                    while (true)
                    {
                        var offering = individual[barber.Id][random.Next(individual[barber.Id].Count)];
                        var start = RoundUp(cursor + offering.BufferBefore);
                        if (start + offering.Duration > end)
                            break;
                        var occupancy = date < today ? 0.7 : date == today ? 0.6 : 0.45 - (date - today).Days * 0.015;
                        if (random.NextDouble() > occupancy)
                        {
                            cursor += Duration.FromMinutes(30);
                            continue;
                        }
                        var customer = customers[1 + random.Next(customers.Count - 1)];
                        if (customer.UserId is null && random.NextDouble() < 0.08)
                            customer = customers[0];
                        db.Bookings.Add(DemoBooking(shop, barber, offering, customer, start, now, random));
                        cursor = RoundUp(start + offering.Duration + offering.BufferAfter);
                    }
                }
            }
        }

        // The class's sessions: the first four Saturdays after the booked weeks, 13 to 15 (Diego works Saturdays 10 to 18).
        var saturday = today.PlusDays(22);
        while (saturday.DayOfWeek != IsoDayOfWeek.Saturday)
            saturday = saturday.PlusDays(1);
        for (var week = 0; week < 4; week++)
        {
            var start = ShopTime.ToInstant(saturday.PlusWeeks(week).At(new LocalTime(13, 0)), zone);
            var session = new Sessions.GroupSession(shop, barbers[0].Id, workshop, start, workshop.Capacity, accounts.OwnerUserId, now);
            db.GroupSessions.Add(session);
            if (week > 0)
                continue;
            foreach (var customer in customers.Skip(1).Take(4))
            {
                var seat = new Booking(shop, barbers[0], workshop, customer, start, null, Actor.Provider(barbers[0].UserId!), now);
                seat.SeatIn(session);
                db.Bookings.Add(seat);
            }
        }

        DemoHistory.Add(db, shop, barbers, customers.Skip(1).ToList(), accounts, now);

        await db.SaveChangesAsync(ct);
        return true;
    }

    private static Booking DemoBooking(Shop shop, Provider barber, Offering offering, Customer customer, Instant start, Instant now, Random random)
    {
        var staff = Actor.Provider(barber.UserId!);
        var createdAt = start - Duration.FromHours(24 + random.Next(24 * 10));
        var byCustomer = customer.UserId is { } userId ? Actor.Customer(userId) : staff;
        var booking = new Booking(shop, barber, offering, customer, start, null, byCustomer, createdAt < now ? createdAt : now);
        var roll = random.NextDouble();
        if (start + offering.Duration <= now)
        {
            // The past: mostly attended, some no-shows, some cancelled ahead of time.
            if (roll < 0.08)
                booking.Apply(BookingAction.Cancel, byCustomer, start - Duration.FromHours(30), shop.Policy.CancellationWindow, "No puedo ir");
            else
            {
                booking.Apply(BookingAction.Confirm, staff, booking.CreatedAt, shop.Policy.CancellationWindow);
                booking.Apply(roll < 0.16 ? BookingAction.MarkNoShow : BookingAction.Complete, staff, start + offering.Duration, shop.Policy.CancellationWindow);
            }
        }
        else if (roll < 0.7 && booking.Status == BookingStatus.Pending)
        {
            booking.Apply(BookingAction.Confirm, staff, booking.CreatedAt, shop.Policy.CancellationWindow);
        }
        return booking;
    }

    private static Instant RoundUp(Instant t)
    {
        var step = Duration.FromMinutes(15).BclCompatibleTicks;
        var ticks = t.ToUnixTimeTicks();
        var rem = ticks % step;
        return rem == 0 ? t : Instant.FromUnixTimeTicks(ticks - rem + step);
    }
}
