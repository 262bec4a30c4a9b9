using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using NodaTime;

namespace BarberPro.Benchmarks.Analytics;

/// <summary>
/// Two years of one busy shop, built in memory with the domain's own constructors and transitions (so every column is
/// what the app would have written: LocalStartDate, the price snapshot, CreatedByRole, CancelledAt/ByRole/Late, the
/// history rows), then written in bulk by <see cref="BulkWriter"/>. Deterministic (fixed seed).
/// <para>
/// 10 barbers working Tuesday to Saturday 09:00–20:00 shop-local; <see cref="TotalBookings"/> bookings spread evenly
/// over the working days of the 104 weeks ending 6 weeks after "today": about 70 % completed, 8 % no-shows, 12 %
/// cancelled by the customer ahead of time, 4 % by the shop (about half of those inside the window: the customer phoned
/// late), 6 % pending or confirmed in the future. 3,000 customers (70 % with an account, 30 % walk-ins) who come back
/// (earlier customers are regulars; new ones keep arriving), reminders 24 h and 2 h before (WhatsApp, sent once due),
/// about 60 % of the reminded online bookings confirmed by the customer (fewer no-shows among them), a week of time off
/// a year for each barber, the national holidays closed, and waitlist entries on a quarter of the Saturdays.
/// </para>
/// </summary>
internal sealed class AnalyticsHistory
{
    public const string Slug = "bench-analytics";
    public const int TotalBookings = 200_000;
    public const int CustomerCount = 3_000;
    private const int Barbers = 10;
    private const int PastWeeks = 98;
    private const int FutureWeeks = 6;
    private static readonly LocalTime Opens = new(9, 0);
    private static readonly LocalTime Closes = new(20, 0);

    /// <summary>The benchmark's "now": Tuesday 1 December 2026, 13:00 in Buenos Aires.</summary>
    public static readonly Instant Now = new LocalDateTime(2026, 12, 1, 13, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb[Shop.DefaultTimeZoneId]).ToInstant();

    public Shop Shop { get; private set; } = null!;
    public AppUser Owner { get; private set; } = null!;
    public List<Offering> Offerings { get; } = [];
    public List<Provider> Providers { get; } = [];
    public List<AppUser> Users { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<ShopCustomer> ShopCustomers { get; } = [];
    public List<ShopClosure> Closures { get; } = [];
    public List<Booking> Bookings { get; } = new(TotalBookings);
    public List<Notification> Notifications { get; } = [];
    public List<WaitlistEntry> Waitlist { get; } = [];

    public LocalDate Today { get; private set; }

    public static AnalyticsHistory Build()
    {
        var h = new AnalyticsHistory();
        h.BuildShop();
        h.BuildBookings();
        return h;
    }

    private void BuildShop()
    {
        Owner = new AppUser { Id = "bench-owner", UserName = "owner@bench.local", Email = "owner@bench.local", FullName = "Dueña Bench" };
        Shop = new Shop("Bench Analytics", Slug);
        Shop.AssignOwner(Owner.Id);
        Today = Now.InZone(Shop.TimeZone).Date;
        Offerings.AddRange(
        [
            new Offering(Shop.Id, "Corte", Duration.FromMinutes(20), 12000m),
            new Offering(Shop.Id, "Barba", Duration.FromMinutes(15), 8000m),
            new Offering(Shop.Id, "Corte + barba", Duration.FromMinutes(35), 17500m),
            new Offering(Shop.Id, "Perfilado", Duration.FromMinutes(10), 6000m),
            new Offering(Shop.Id, "Corte niño", Duration.FromMinutes(20), 9000m),
        ]);
        string[] names = ["Diego", "Fede", "Nacho", "Lucas", "Juan", "Ramiro", "Pablo", "Gonza", "Seba", "Maxi"];
        var days = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday };
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var user = new AppUser { Id = $"bench-barber-{i}", UserName = $"barbero{i}@bench.local", Email = $"barbero{i}@bench.local", FullName = name };
            Users.Add(user);
            var provider = new Provider(Shop.Id, name, user.Id);
            provider.SetWeeklyHours(days.Select(d => (d, new LocalTimeRange(Opens, Closes))));
            foreach (var o in Offerings)
                provider.Offer(o);
            Providers.Add(provider);
        }
        string[] first = ["Martín", "Lucía", "Santiago", "Valentina", "Mateo", "Camila", "Joaquín", "Sofía", "Tomás", "Martina", "Benjamín",
            "Julieta", "Facundo", "Agustina", "Nicolás", "Lautaro", "Micaela", "Franco", "Florencia", "Bruno"];
        string[] last = ["Gómez", "Fernández", "Rodríguez", "López", "Martínez", "Díaz", "Pérez", "Romero", "Álvarez", "Torres", "Ruiz",
            "Sosa", "Benítez", "Medina", "Herrera", "Acosta", "Castro", "Rojas", "Molina", "Ortiz"];
        for (var i = 0; i < CustomerCount; i++)
        {
            var name = $"{first[i % first.Length]} {last[i / first.Length % last.Length]} {i / (first.Length * last.Length) + 1}";
            var phone = $"11 {5000 + i / 1000:0000}-{i % 1000 + 1000:0000}";
            Customer customer;
            if (i % 10 < 7)
            {
                var user = new AppUser { Id = $"bench-customer-{i}", UserName = $"cliente{i}@bench.local", Email = $"cliente{i}@bench.local", FullName = name };
                Users.Add(user);
                customer = new Customer(name, phone, user.Email, user.Id);
            }
            else
                customer = Customer.WalkIn(name, i % 3 == 0 ? null : phone);
            Customers.Add(customer);
        }
    }

    private void BuildBookings()
    {
        var random = new Random(20261201);
        var zone = Shop.TimeZone;
        var window = Shop.Policy.CancellationWindow;
        var first = Today.PlusWeeks(-PastWeeks);
        var last = Today.PlusWeeks(FutureWeeks);
        var holidays = new HashSet<LocalDate>();
        for (var year = first.Year; year <= last.Year; year++)
            foreach (var (month, day) in new[] { (1, 1), (5, 1), (5, 25), (7, 9), (12, 8), (12, 25) })
                holidays.Add(new LocalDate(year, month, day));
        foreach (var date in holidays.Where(d => d >= first && d <= last).Order())
            Closures.Add(new ShopClosure(Shop.Id, date, "Feriado"));
        // A week off a year for each barber, at a different time for each.
        var off = new HashSet<(int Barber, LocalDate Date)>();
        for (var b = 0; b < Barbers; b++)
            for (var start = first.PlusWeeks(3 + b * 4); start <= last; start = start.PlusWeeks(52))
            {
                Providers[b].AddTimeOff(start.At(LocalTime.Midnight), start.PlusDays(7).At(LocalTime.Midnight), "Vacaciones");
                for (var d = 0; d < 7; d++)
                    off.Add((b, start.PlusDays(d)));
            }

        var workdays = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
            if (d.DayOfWeek is not (IsoDayOfWeek.Sunday or IsoDayOfWeek.Monday) && !holidays.Contains(d))
                workdays.Add(d);
        var slots = workdays.SelectMany(d => Enumerable.Range(0, Barbers).Where(b => !off.Contains((b, d))).Select(b => (Date: d, Barber: b))).ToList();
        var perDay = TotalBookings / slots.Count;
        var extra = TotalBookings % slots.Count;
        int[] weights = [40, 25, 10, 15, 10];
        var dayMinutes = (int)Period.Between(Opens, Closes, PeriodUnits.Minutes).Minutes;
        var firstVisit = new Dictionary<Guid, Instant>();

        for (var s = 0; s < slots.Count; s++)
        {
            var (date, b) = slots[s];
            var barber = Providers[b];
            var staff = Actor.Provider(barber.UserId!);
            var count = perDay + (s * extra / slots.Count != (s + 1) * extra / slots.Count ? 1 : 0);
            var progress = (double)Period.DaysBetween(first, date) / Period.DaysBetween(first, last);
            var active = (int)(CustomerCount * (0.3 + 0.7 * progress));

            // Outcomes first (a cancelled booking shares its slot with whoever took it afterwards), then the day's layout.
            var outcomes = new Outcome[count];
            for (var i = 0; i < count; i++)
            {
                var roll = random.NextDouble();
                outcomes[i] = date >= Today ? Outcome.Attends // what is still ahead is pending or confirmed
                    : roll < 0.136 ? Outcome.CustomerCancel : roll < 0.181 ? Outcome.ShopCancel : Outcome.Attends;
            }
            var attending = outcomes.Count(o => o == Outcome.Attends);
            var services = new Offering[count];
            for (var i = 0; i < count; i++)
                services[i] = Offerings[Pick(random, weights)];
            var busy = services.Where((_, i) => outcomes[i] == Outcome.Attends).Sum(o => (int)o.Duration.TotalMinutes);
            for (var i = 0; busy > dayMinutes && i < count; i++)
                if (outcomes[i] == Outcome.Attends && services[i] != Offerings[3])
                {
                    busy -= (int)(services[i].Duration - Offerings[3].Duration).TotalMinutes;
                    services[i] = Offerings[3];
                }
            var slack = Math.Max(0, dayMinutes - busy) / 5;
            var cursor = date.At(Opens);
            var starts = new List<LocalDateTime>(attending);
            for (var i = 0; i < count; i++)
            {
                if (outcomes[i] != Outcome.Attends)
                    continue;
                var gap = slack > 0 ? random.Next(0, Math.Min(slack, 2 * slack / Math.Max(1, attending - starts.Count)) + 1) : 0;
                slack -= gap;
                cursor = cursor.PlusMinutes(5 * gap);
                starts.Add(cursor);
                cursor = cursor.PlusMinutes((long)services[i].Duration.TotalMinutes);
            }
            var nextAttending = 0;
            for (var i = 0; i < count; i++)
            {
                var local = outcomes[i] == Outcome.Attends
                    ? starts[nextAttending++]
                    : starts.Count > 0 ? starts[random.Next(starts.Count)] : date.At(Opens);
                var start = ShopTime.ToInstant(local, zone);
                var customer = PickCustomer(random, active, needsAccount: outcomes[i] == Outcome.CustomerCancel);
                var booking = MakeBooking(random, barber, staff, services[i], customer, start, outcomes[i], window);
                Bookings.Add(booking);
                if (booking.Status == BookingStatus.Completed && (!firstVisit.TryGetValue(customer.Id, out var seen) || seen > booking.CreatedAt))
                    firstVisit[customer.Id] = booking.CreatedAt;
            }
        }
        foreach (var customer in Customers)
            ShopCustomers.Add(new ShopCustomer(Shop.Id, customer.Id, firstVisit.TryGetValue(customer.Id, out var since) ? since : Now));

        // Waitlist: a quarter of the Saturdays were full for someone; past entries expired or were left, future ones wait.
        foreach (var saturday in workdays.Where(d => d.DayOfWeek == IsoDayOfWeek.Saturday).Where((_, i) => i % 4 == 1))
            for (var i = 0; i < 1 + random.Next(5); i++)
            {
                var customer = PickCustomer(random, CustomerCount, needsAccount: true);
                var joined = ShopTime.ToInstant(saturday.PlusDays(-random.Next(1, 6)).At(new LocalTime(10, 0)), zone);
                var entry = new WaitlistEntry(Shop.Id, random.Next(3) == 0 ? null : Providers[random.Next(Barbers)].Id, Offerings[Pick(random, weights)].Id,
                    customer.Id, saturday, new LocalTime(10, 0), new LocalTime(14, 0), null, joined < Now ? joined : Now);
                if (saturday < Today)
                {
                    if (random.Next(4) == 0)
                        entry.MarkLeft(joined + Duration.FromHours(20));
                    else
                        entry.MarkExpired(ShopTime.ToInstant(saturday.At(new LocalTime(14, 0)), zone));
                }
                Waitlist.Add(entry);
            }
    }

    private enum Outcome { Attends, CustomerCancel, ShopCancel }

    private Customer PickCustomer(Random random, int active, bool needsAccount)
    {
        while (true)
        {
            // Earlier customers are the regulars: the square of a uniform number favours low indexes.
            var u = random.NextDouble();
            var customer = Customers[(int)(active * u * u)];
            if (!needsAccount || customer.UserId is not null)
                return customer;
        }
    }

    private Booking MakeBooking(Random random, Provider barber, Actor staff, Offering offering, Customer customer, Instant start, Outcome outcome, Duration window)
    {
        var online = customer.UserId is not null && (outcome == Outcome.CustomerCancel || random.NextDouble() < 0.8);
        var byCustomer = customer.UserId is { } userId ? Actor.Customer(userId) : null;
        var createdBy = online ? byCustomer! : random.Next(5) == 0 ? Actor.Owner(Owner.Id) : staff;
        // Lead time: a walk-in comes in and is served within the hour; others book from an hour to three weeks ahead.
        var lead = customer.UserId is null && random.Next(2) == 0
            ? Duration.FromMinutes(5 + random.Next(55))
            : Duration.FromMinutes(60 + random.Next(60 * 24 * 21));
        if (outcome == Outcome.CustomerCancel && lead < window + Duration.FromHours(2))
            lead = window + Duration.FromHours(2 + random.Next(72));
        var createdAt = start - lead;
        if (createdAt > Now)
            createdAt = Now - Duration.FromMinutes(random.Next(60 * 24 * 14)); // booked some time ago for weeks ahead
        var booking = new Booking(Shop, barber, offering, customer, start, null, createdBy, createdAt);

        if (outcome == Outcome.CustomerCancel)
        {
            var at = createdAt + (start - window - createdAt) * random.NextDouble();
            if (at <= Now && at >= createdAt)
                Must(booking.Apply(BookingAction.Cancel, byCustomer!, at, window, "No puedo ir"));
            return booking;
        }
        if (outcome == Outcome.ShopCancel)
        {
            // A third of the shop's cancellations come inside the window: the customer phoned late, or the barber fell ill.
            var at = random.Next(3) == 0
                ? Max(createdAt, start - Duration.FromMinutes(30 + random.Next(60 * 20)))
                : createdAt + (start - createdAt) * random.NextDouble() * 0.5;
            if (at <= Now)
                Must(booking.Apply(BookingAction.Cancel, staff, at, window, "Avisó por teléfono"));
            return booking;
        }

        // Reminders 24 h and 2 h before, to whoever left a phone; an online booking (pending) may be confirmed in reply.
        var confirmed = false;
        if (customer.Phone is { } phone)
        {
            foreach (var hours in new[] { 24, 2 })
            {
                var due = start - Duration.FromHours(hours);
                if (due <= createdAt)
                    continue;
                var reminder = new Notification($"reminder:{booking.Id}:{start.ToUnixTimeTicks()}:{hours}:whatsapp", NotificationKind.Reminder,
                    NotificationChannel.WhatsApp, phone, null, $"Recordatorio: tu turno de {offering.Name} con {barber.DisplayName}.", due, createdAt,
                    Shop.Id, booking.Id, customer.Id, customer.UserId, start, "recordatorio_turno", "[]");
                if (due <= Now)
                {
                    reminder.MarkSent($"wamid.{booking.Id:N}.{hours}", due + Duration.FromSeconds(random.Next(5, 90)));
                    booking.NoteReminderSent(reminder.SentAt!.Value);
                }
                Notifications.Add(reminder);
                if (!confirmed && booking.Status == BookingStatus.Pending && due <= Now && random.NextDouble() < 0.6)
                {
                    var at = due + Duration.FromMinutes(1 + random.Next(90));
                    if (at < start && at <= Now)
                    {
                        Must(booking.Apply(BookingAction.Confirm, byCustomer!, at, window));
                        confirmed = true;
                    }
                }
            }
        }
        var end = start + offering.Duration;
        if (end > Now)
            return booking;
        var noShowRate = confirmed ? 0.05 : customer.UserId is null ? 0.11 : 0.175;
        Must(booking.Apply(random.NextDouble() < noShowRate ? BookingAction.MarkNoShow : BookingAction.Complete, staff, end, window));
        return booking;
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
                return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static void Must(DomainError? error)
    {
        if (error is not null)
            throw new InvalidOperationException($"Seeding made an illegal transition: {error.Code} {error.Message}");
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
