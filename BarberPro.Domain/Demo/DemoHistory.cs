using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using NodaTime;

namespace BarberPro.Domain.Demo;

/// <summary>A demo client with an account (created by the web app): they book online and come back every few weeks.</summary>
public sealed record DemoClient(string UserId, string FullName, string Email, string Phone);

/// <summary>The demo clients with an account (no password: they never sign in; their past fills the analytics pages).</summary>
public static class DemoClients
{
    /// <summary>Email local part, full name and phone of each; the web app creates the accounts.</summary>
    public static readonly IReadOnlyList<(string EmailName, string FullName, string Phone)> All =
    [
        ("rocio.quiroga", "Rocío Quiroga", "11 4701-2201"), ("bautista.ledesma", "Bautista Ledesma", "11 4701-2202"),
        ("milagros.vera", "Milagros Vera", "11 4701-2203"), ("thiago.correa", "Thiago Correa", "11 4701-2204"),
        ("abril.gimenez", "Abril Giménez", "11 4701-2205"), ("ignacio.suarez", "Ignacio Suárez", "11 4701-2206"),
        ("delfina.ponce", "Delfina Ponce", "11 4701-2207"), ("lisandro.aguirre", "Lisandro Aguirre", "11 4701-2208"),
        ("catalina.rios", "Catalina Ríos", "11 4701-2209"), ("emiliano.godoy", "Emiliano Godoy", "11 4701-2210"),
        ("renata.bustos", "Renata Bustos", "11 4701-2211"), ("gael.ferreyra", "Gael Ferreyra", "11 4701-2212"),
        ("paula.cabrera", "Paula Cabrera", "11 4701-2213"), ("kevin.luna", "Kevin Luna", "11 4701-2214"),
        ("mora.moreno", "Mora Moreno", "11 4701-2215"), ("dante.navarro", "Dante Navarro", "11 4701-2216"),
        ("luciana.paz", "Luciana Paz", "11 4701-2217"), ("bruno.villalba", "Bruno Villalba", "11 4701-2218"),
        ("sol.ojeda", "Sol Ojeda", "11 4701-2219"), ("ulises.peralta", "Ulises Peralta", "11 4701-2220"),
        ("pilar.dominguez", "Pilar Domínguez", "11 4701-2221"), ("matias.caceres", "Matías Cáceres", "11 4701-2222"),
        ("jazmin.figueroa", "Jazmín Figueroa", "11 4701-2223"), ("simon.arias", "Simón Arias", "11 4701-2224"),
        ("candela.campos", "Candela Campos", "11 4701-2225"), ("felipe.vega", "Felipe Vega", "11 4701-2226"),
        ("ariana.mansilla", "Ariana Mansilla", "11 4701-2227"), ("lorenzo.maidana", "Lorenzo Maidana", "11 4701-2228"),
        ("guadalupe.sanchez", "Guadalupe Sánchez", "11 4701-2229"), ("tobias.coronel", "Tobías Coronel", "11 4701-2230"),
    ];
}

/// <summary>
/// The demo shop's past, for the analytics pages to tell a story: the four months before the three weeks around "now"
/// that <see cref="DemoShop"/> books. A growing shop (fuller each month); clients with an account who come back to their
/// barber every two to five weeks and mostly book online, answer the reminder and rarely miss; the shop's regulars and
/// a few walk-ins booked by staff; about 8 % no-shows (fewer among those who confirmed the reminder), cancellations by
/// clients ahead of time, some late ones the shop entered when the client phoned, a day Fede was ill (the shop cancelled
/// his bookings that morning) and waitlist entries on full Saturdays. Every change goes through <see cref="Booking.Apply"/>
/// at the moment it happened. Deterministic (its own fixed seed, so the weeks around "now" stay as they were).
/// </summary>
internal static class DemoHistory
{
    /// <summary>The history starts this many days before today…</summary>
    public const int FirstDay = 120;

    /// <summary>…and ends the day before the weeks <see cref="DemoShop"/> books around today.</summary>
    public const int LastDay = 22;

    private static readonly string[] WalkInNames = ["Ezequiel", "Gastón Ibarra", "Ramiro", "Leandro Funes", "Iván", "Maxi"];

    private sealed class Regular(Customer customer, Provider barber, int cadence, LocalDate next)
    {
        public Customer Customer { get; } = customer;
        public Provider Barber { get; } = barber;
        public int Cadence { get; } = cadence;
        public LocalDate Next { get; set; } = next;

        /// <summary>Whether they have had their first visit (before it they are nobody's client yet).</summary>
        public bool Started { get; set; }
    }

    public static void Add(BarberProDbContext db, Shop shop, IReadOnlyList<Provider> barbers, IReadOnlyList<Customer> regulars, DemoAccounts accounts, Instant now)
    {
        var random = new Random(1204);
        var zone = shop.TimeZone;
        var window = shop.Policy.CancellationWindow;
        var today = now.InZone(zone).Date;
        var first = today.PlusDays(-FirstDay);
        var last = today.PlusDays(-LastDay);

        var clients = (accounts.Clients ?? []).Select(c => new Customer(c.FullName, c.Phone, c.Email, c.UserId)).ToList();
        var walkIns = WalkInNames.Select((n, i) => Customer.WalkIn(n, i % 2 == 0 ? null : $"11 {3100 + i * 71:0000}-{2200 + i * 97:0000}")).ToList();
        db.Customers.AddRange(clients);
        db.Customers.AddRange(walkIns);
        // New customers: linked to the shop without asking the database whether they already are.
        var since = ShopTime.ToInstant(first.AtMidnight(), zone);
        db.ShopCustomers.AddRange(clients.Concat(walkIns).Select(c => new ShopCustomer(shop.Id, c.Id, since)));

        // Each client comes back to their barber every two to five weeks; two in three were clients before the history
        // starts, the rest arrive over the months (the new clients of each month).
        var returning = clients.Select((c, i) => new Regular(c, barbers[i % barbers.Count], 14 + random.Next(22),
            i % 3 < 2 ? first.PlusDays(random.Next(21)) : first.PlusDays(21 + random.Next(FirstDay - LastDay - 21)))).ToList();
        var mine = barbers.ToDictionary(b => b.Id, b => returning.Where(r => r.Barber == b).ToList());
        var staffOf = barbers.ToDictionary(b => b.Id, b => Actor.Provider(b.UserId!));
        var owner = Actor.Owner(accounts.OwnerUserId);
        var hours = barbers.ToDictionary(b => b.Id, Availability.ProviderHours.Of);
        var individual = barbers.ToDictionary(b => b.Id, b => b.Offerings.Where(o => !o.IsGroup).ToList());
        // The day Fede was ill, about seven weeks ago: the shop cancelled his bookings that morning and he took the day off.
        var illDay = today.PlusDays(-50);
        while (!hours[barbers[1].Id].On(illDay).Any())
            illDay = illDay.PlusDays(1);
        barbers[1].AddTimeOff(illDay.AtMidnight(), illDay.PlusDays(1).AtMidnight(), "Enfermo");
        var walkInsSeen = 0;

        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            // Fuller each month: from about 35 % to 60 % of the chairs' time (the booked weeks around today run at 70 %).
            var occupancy = 0.35 + 0.25 * Period.DaysBetween(first, date) / (FirstDay - LastDay);
            var full = date.DayOfWeek == IsoDayOfWeek.Saturday;
            foreach (var barber in barbers)
            {
                var menu = individual[barber.Id];
                foreach (var range in hours[barber.Id].On(date))
                {
                    var cursor = ShopTime.ToInstant(date.At(range.Start), zone);
                    var end = ShopTime.ToInstant(date.At(range.End), zone);
                    while (true)
                    {
                        var offering = menu[random.Next(menu.Count)];
                        var start = RoundUp(cursor + offering.BufferBefore);
                        if (start + offering.Duration > end)
                            break;
                        if (random.NextDouble() > (full ? occupancy + 0.25 : occupancy))
                        {
                            cursor += Duration.FromMinutes(30);
                            continue;
                        }
                        var regular = returning.FirstOrDefault(r => r.Barber == barber && r.Next <= date);
                        Customer customer;
                        if (regular is not null)
                        {
                            customer = regular.Customer;
                            regular.Started = true;
                            regular.Next = date.PlusDays(regular.Cadence + random.Next(-4, 5));
                        }
                        else if (mine[barber.Id].Where(r => r.Started).ToList() is { Count: > 0 } known && random.NextDouble() < 0.3)
                            customer = known[random.Next(known.Count)].Customer; // in between, for the beard
                        else if (random.NextDouble() < 0.06)
                            customer = walkIns[walkInsSeen++ % walkIns.Count];
                        else
                            customer = regulars[random.Next(regulars.Count)];
                        var booking = Visit(shop, barber, staffOf[barber.Id], owner, offering, customer, start, window, walkIn: walkIns.Contains(customer),
                            ill: barber == barbers[1] && date == illDay, random, db);
                        db.Bookings.Add(booking);
                        cursor = RoundUp(start + offering.Duration + offering.BufferAfter);
                    }
                }
            }
            // A full Saturday: a few clients asked for the waitlist and no slot freed up.
            if (full && random.Next(2) == 0)
                for (var i = 0; i < 1 + random.Next(3); i++)
                {
                    var client = clients.Count > 0 ? clients[random.Next(clients.Count)] : regulars[random.Next(regulars.Count)];
                    var joined = ShopTime.ToInstant(date.PlusDays(-1 - random.Next(3)).At(new LocalTime(19, 0)), zone);
                    var entry = new WaitlistEntry(shop.Id, random.Next(2) == 0 ? null : barbers[random.Next(barbers.Count)].Id,
                        individual[barbers[0].Id][random.Next(2)].Id, client.Id, date, new LocalTime(10, 0), new LocalTime(13, 0), null, joined);
                    entry.MarkExpired(ShopTime.ToInstant(date.At(new LocalTime(13, 0)), zone));
                    db.WaitlistEntries.Add(entry);
                }
        }
    }

    /// <summary>One past appointment, from booking to outcome.</summary>
    private static Booking Visit(Shop shop, Provider barber, Actor staff, Actor owner, Offering offering, Customer customer, Instant start,
        Duration window, bool walkIn, bool ill, Random random, BarberProDbContext db)
    {
        var online = customer.UserId is not null && random.NextDouble() < 0.75;
        var byCustomer = customer.UserId is { } userId ? Actor.Customer(userId) : null;
        var createdBy = online ? byCustomer! : random.Next(4) == 0 ? owner : staff;
        var lead = walkIn ? Duration.FromMinutes(5 + random.Next(40)) : Duration.FromHours(26 + random.Next(24 * 12));
        var createdAt = start - lead;
        var booking = new Booking(shop, barber, offering, customer, start, null, createdBy, createdAt);
        var end = start + offering.Duration;
        if (ill)
        {
            var morning = ShopTime.ToInstant(start.InZone(shop.TimeZone).Date.At(new LocalTime(8, 30)), shop.TimeZone);
            Must(booking.Apply(BookingAction.Cancel, owner, morning > createdAt ? morning : createdAt, window,
                "Fede está enfermo: te escribimos para darte otro turno"));
            return booking;
        }
        var roll = random.NextDouble();
        // Clients with an account cancel in the app now and then; the regulars without one rarely phone to cancel ahead.
        if (!walkIn && roll < (byCustomer is null ? 0.02 : 0.10))
        {
            // Cancelled ahead of time: by the client in the app, or by staff when a client without an account phoned.
            var at = start - window - Duration.FromHours(1 + random.Next(48));
            if (at > createdAt)
            {
                Must(booking.Apply(BookingAction.Cancel, byCustomer ?? staff, at, window, "No puedo ir"));
                return booking;
            }
        }
        else if (!walkIn && roll > 0.975)
        {
            // Late: the client phoned inside the window and staff cancelled it for them.
            Must(booking.Apply(BookingAction.Cancel, staff, start - Duration.FromMinutes(30 + random.Next(60 * 20)), window, "Avisó a último momento"));
            return booking;
        }

        var confirmed = false;
        if (customer.Phone is { } phone && start - Duration.FromHours(24) > createdAt)
        {
            var due = start - Duration.FromHours(24);
            var reminder = new Notification($"reminder:{booking.Id}:{start.ToUnixTimeTicks()}:24:whatsapp", NotificationKind.Reminder, NotificationChannel.WhatsApp,
                phone, null, $"Te recordamos tu turno de {offering.Name} con {barber.DisplayName} mañana. Respondé SI para confirmar.", due, createdAt,
                shop.Id, booking.Id, customer.Id, customer.UserId, start);
            reminder.MarkSent($"demo-{booking.Id:N}", due + Duration.FromSeconds(20));
            booking.NoteReminderSent(reminder.SentAt!.Value);
            db.Notifications.Add(reminder);
            if (booking.Status == BookingStatus.Pending && random.NextDouble() < 0.65)
            {
                Must(booking.Apply(BookingAction.Confirm, byCustomer!, due + Duration.FromMinutes(5 + random.Next(120)), window));
                confirmed = true;
            }
        }
        var noShow = !walkIn && random.NextDouble() < (confirmed ? 0.03 : 0.10);
        Must(booking.Apply(noShow ? BookingAction.MarkNoShow : BookingAction.Complete, staff, end, window));
        return booking;
    }

    private static void Must(DomainError? error)
    {
        if (error is not null)
            throw new InvalidOperationException($"Demo history: {error}");
    }

    private static Instant RoundUp(Instant t)
    {
        var step = Duration.FromMinutes(15).BclCompatibleTicks;
        var ticks = t.ToUnixTimeTicks();
        var rem = ticks % step;
        return rem == 0 ? t : Instant.FromUnixTimeTicks(ticks - rem + step);
    }
}
