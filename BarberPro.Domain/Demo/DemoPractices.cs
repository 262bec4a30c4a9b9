using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Series;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Demo;

/// <summary>The user ids a demo practice links to: its owner, its professionals (in order), and the demo customer.</summary>
public sealed record DemoPracticeAccounts(string OwnerUserId, IReadOnlyList<string> ProfessionalUserIds, string CustomerUserId);

/// <summary>
/// The two health demo shops, opened with their vertical's defaults (<see cref="ShopFactory"/>, <see cref="VerticalProfile"/>):
/// "Consultorio Belgrano" (two psychologists, weekly 50-minute sessions, a few weekly series running from three weeks
/// ago to five weeks ahead, one of them the demo customer's) and "Centro Médico Caballito" (three doctors, 20-minute
/// consultations from two weeks ago to two weeks ahead; every patient's DNI and health insurance on its record). Each seed is idempotent (nothing when its shop exists) and
/// deterministic (fixed seeds; times relative to "now").
/// </summary>
public static class DemoPractices
{
    public const string PsychologistSlug = "consultorio-belgrano";
    public const string DoctorSlug = "centro-medico-caballito";

    /// <summary>The psychologists, in the order of <see cref="DemoPracticeAccounts.ProfessionalUserIds"/>.</summary>
    public static readonly string[] Psychologists = ["Lic. Laura Méndez", "Lic. Martín Sosa"];

    /// <summary>The doctors, in the order of <see cref="DemoPracticeAccounts.ProfessionalUserIds"/>.</summary>
    public static readonly string[] Doctors = ["Dra. Carolina Ríos", "Dr. Pablo Ferreyra", "Dra. Inés Cabrera"];

    private static readonly string[] PsychologyPatients =
    [
        "Florencia Acosta", "Gonzalo Vera", "Micaela Ibáñez", "Ramiro Quiroga", "Paula Molina", "Emiliano Ríos",
        "Carla Navarro", "Ignacio Paz",
    ];

    private static readonly string[] MedicalPatients =
    [
        "Rosa Giménez", "Héctor Luna", "Marta Castro", "Alberto Ortiz", "Silvia Domínguez", "Jorge Suárez",
        "Noelia Peralta", "Diego Figueroa", "Elena Ponce", "Raúl Cabrera", "Lorena Vega", "Oscar Morales",
    ];

    /// <summary>Seeds "Consultorio Belgrano"; false when it already exists.</summary>
    public static async Task<bool> SeedPsychologistAsync(BarberProDbContext db, DemoPracticeAccounts accounts, Instant now, CancellationToken ct = default)
    {
        if (await db.Shops.AnyAsync(s => s.Slug == PsychologistSlug, ct))
            return false;
        var (shop, offerings) = ShopFactory.Build("Consultorio Belgrano", PsychologistSlug, Vertical.Psychologist, accounts.OwnerUserId);
        shop.ChangeContact("Av. Cabildo 2040, piso 3 B, Belgrano, CABA", "+54 9 11 4784-5566");
        var session = offerings.Single(o => o.Name == "Sesión individual");
        var first = offerings.Single(o => o.Name == "Primera consulta");

        // Laura: Monday, Wednesday and Thursday 9–13 and 15–20; Martín: Tuesday, Thursday and Friday 10–19.
        var laura = Professional(shop, Psychologists[0], accounts.ProfessionalUserIds[0], offerings,
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], [(9, 13), (15, 20)]);
        var martin = Professional(shop, Psychologists[1], accounts.ProfessionalUserIds[1], offerings,
            [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], [(10, 19)]);
        Provider[] team = [laura, martin];

        var me = await DemoCustomerAsync(db, accounts.CustomerUserId, ct);
        var patients = PsychologyPatients.Select((n, i) => new Customer(n, $"11 {5200 + i * 41:0000}-{2000 + i * 173:0000}")).ToList();
        db.Add(shop);
        db.AddRange(offerings);
        db.AddRange(team);
        db.AddRange(patients);
        foreach (var patient in patients.Append(me))
            await ShopCustomers.LinkAsync(db, shop.Id, patient, now, ct);

        var zone = shop.TimeZone;
        var today = now.InZone(zone).Date;
        var firstWeek = today.PlusWeeks(-3);
        var taken = new HashSet<(Guid, LocalDateTime)>();
        // The weekly series: who, with whom, which weekday and hour; eight weeks each, the first three in the past.
        (Customer Patient, Provider With, IsoDayOfWeek Day, int Hour)[] weekly =
        [
            (me, laura, IsoDayOfWeek.Wednesday, 18),
            (patients[0], laura, IsoDayOfWeek.Monday, 10),
            (patients[1], laura, IsoDayOfWeek.Thursday, 16),
            (patients[2], martin, IsoDayOfWeek.Tuesday, 11),
            (patients[3], martin, IsoDayOfWeek.Friday, 17),
        ];
        foreach (var (patient, with, day, hour) in weekly)
        {
            var firstDate = firstWeek.Next(day);
            var firstStart = firstDate.At(new LocalTime(hour, 0));
            var series = new BookingSeries(shop.Id, with.Id, session.Id, patient.Id, SeriesFrequency.Weekly, firstStart, 8,
                patient.UserId ?? with.UserId!, ShopTime.ToInstant(firstStart, zone) - Duration.FromDays(2));
            db.Add(series);
            for (var week = 0; week < 8; week++)
            {
                var local = firstStart.PlusWeeks(week);
                taken.Add((with.Id, local));
                var booking = DemoBooking(shop, with, session, patient, ShopTime.ToInstant(local, zone), series.CreatedAt, now, week * 7 + hour);
                booking.PartOfSeries(series.Id, week);
                db.Bookings.Add(booking);
            }
        }

        // Single sessions and first consultations on the remaining hours, about one in three taken.
        var random = new Random(1402);
        for (var date = firstWeek; date <= today.PlusWeeks(5); date = date.PlusDays(1))
        {
            foreach (var with in team)
            {
                foreach (var range in Availability.ProviderHours.Of(with).On(date))
                {
                    // A session (50 + 10) takes one hour; a first consultation (60 + 10) the hour after too.
                    for (var hour = range.Start; hour.PlusMinutes(60) <= range.End; hour = hour.PlusHours(1))
                    {
                        var local = date.At(hour);
                        var isFirst = random.NextDouble() < 0.2 && hour.PlusMinutes(70) <= range.End;
                        var occupancy = date < today ? 0.35 : 0.25;
                        if (random.NextDouble() > occupancy || taken.Contains((with.Id, local))
                            || (isFirst && taken.Contains((with.Id, local.PlusHours(1)))))
                            continue;
                        taken.Add((with.Id, local));
                        var offering = isFirst ? first : session;
                        if (isFirst)
                        {
                            taken.Add((with.Id, local.PlusHours(1)));
                            hour = hour.PlusHours(1);
                        }
                        var patient = patients[random.Next(patients.Count)];
                        var start = ShopTime.ToInstant(local, zone);
                        db.Bookings.Add(DemoBooking(shop, with, offering, patient, start, start - Duration.FromDays(3 + random.Next(10)), now, random.Next()));
                    }
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Seeds "Centro Médico Caballito"; false when it already exists.</summary>
    public static async Task<bool> SeedDoctorAsync(BarberProDbContext db, DemoPracticeAccounts accounts, Instant now, CancellationToken ct = default)
    {
        if (await db.Shops.AnyAsync(s => s.Slug == DoctorSlug, ct))
            return false;
        var (shop, offerings) = ShopFactory.Build("Centro Médico Caballito", DoctorSlug, Vertical.Doctor, accounts.OwnerUserId);
        shop.ChangeContact("Av. Rivadavia 5120, Caballito, CABA", "+54 9 11 4902-7788");
        var consultation = offerings.Single(o => o.Name == "Consulta");
        var firstVisit = offerings.Single(o => o.Name == "Primera consulta");

        IsoDayOfWeek[] weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        Provider[] team =
        [
            Professional(shop, Doctors[0], accounts.ProfessionalUserIds[0], offerings, weekdays, [(8, 13)]),
            Professional(shop, Doctors[1], accounts.ProfessionalUserIds[1], offerings, weekdays, [(13, 19)]),
            Professional(shop, Doctors[2], accounts.ProfessionalUserIds[2], offerings,
                [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday], [(9, 12), (14, 17)]),
        ];

        var me = await DemoCustomerAsync(db, accounts.CustomerUserId, ct);
        var patients = MedicalPatients.Select((n, i) => new Customer(n, $"11 {4300 + i * 53:0000}-{3000 + i * 157:0000}")).ToList();
        db.Add(shop);
        db.AddRange(offerings);
        db.AddRange(team);
        db.AddRange(patients);
        // The office asks for DNI and health insurance (its policy): every patient has them on its record already.
        string[] insurances = ["OSDE 310", "Swiss Medical SMG20", "Galeno Azul 220", "IOMA", "PAMI", "Particular"];
        foreach (var (patient, i) in patients.Append(me).Select((p, i) => (p, i)))
        {
            await ShopCustomers.LinkAsync(db, shop.Id, patient, now, ct);
            var record = db.ShopCustomers.Local.Single(l => l.ShopId == shop.Id && l.CustomerId == patient.Id);
            record.SetPatientDetails(ArgentineDni.TryParse($"{20_345_678 + i * 1_234_567}")!.Value, insurances[i % insurances.Length]);
        }

        var zone = shop.TimeZone;
        var today = now.InZone(zone).Date;
        var random = new Random(1403);
        var mine = 0;
        for (var date = today.PlusWeeks(-2); date <= today.PlusWeeks(2); date = date.PlusDays(1))
        {
            foreach (var doctor in team)
            {
                foreach (var range in Availability.ProviderHours.Of(doctor).On(date))
                {
                    // Back to back on the 10-minute grid: a consultation takes 20 minutes, a first visit 30.
                    var cursor = range.Start;
                    while (true)
                    {
                        var offering = random.NextDouble() < 0.15 ? firstVisit : consultation;
                        var minutes = (int)offering.Duration.TotalMinutes;
                        if (cursor.PlusMinutes(minutes) > range.End || cursor.PlusMinutes(minutes) < cursor)
                            break;
                        var occupancy = date < today ? 0.6 : 0.5 - (date - today).Days * 0.02;
                        if (random.NextDouble() > occupancy)
                        {
                            cursor = cursor.PlusMinutes(20);
                            continue;
                        }
                        // The demo customer sees a doctor twice: once last week, once next week.
                        var patient = mine < 2 && date == today.PlusDays(mine == 0 ? -6 : 8) && doctor == team[0] ? me : patients[random.Next(patients.Count)];
                        if (patient == me)
                            mine++;
                        var start = ShopTime.ToInstant(date.At(cursor), zone);
                        db.Bookings.Add(DemoBooking(shop, doctor, offering, patient, start, start - Duration.FromHours(12 + random.Next(24 * 6)), now, random.Next()));
                        cursor = cursor.PlusMinutes(minutes);
                    }
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private static Provider Professional(Shop shop, string name, string userId, IReadOnlyList<Offering> offerings,
        IsoDayOfWeek[] days, (int From, int To)[] hours)
    {
        var provider = new Provider(shop.Id, name, userId);
        provider.SetWeeklyHours(days.SelectMany(d => hours.Select(h => (d, new LocalTimeRange(new LocalTime(h.From, 0), new LocalTime(h.To, 0))))));
        foreach (var offering in offerings)
            provider.Offer(offering);
        return provider;
    }

    /// <summary>The demo customer's record ("Cliente Demo", made by <see cref="DemoShop"/>), or a new one when that shop was not seeded.</summary>
    private static async Task<Customer> DemoCustomerAsync(BarberProDbContext db, string userId, CancellationToken ct)
    {
        if (await db.Customers.SingleOrDefaultAsync(c => c.UserId == userId, ct) is { } existing)
            return existing;
        var customer = new Customer("Cliente Demo", "11 5555-0101", null, userId);
        db.Customers.Add(customer);
        return customer;
    }

    /// <summary>A booking made at <paramref name="createdAt"/> (never after now); in the past attended, a few missed or cancelled; ahead mostly confirmed.</summary>
    private static Booking DemoBooking(Shop shop, Provider provider, Offering offering, Customer patient, Instant start, Instant createdAt, Instant now, int roll)
    {
        var staff = Actor.Provider(provider.UserId!);
        var by = patient.UserId is { } userId ? Actor.Customer(userId) : staff;
        var booking = new Booking(shop, provider, offering, patient, start, null, by, createdAt < now ? createdAt : now);
        var window = shop.Policy.CancellationWindow;
        var kind = ((roll % 100) + 100) % 100;
        if (start + offering.Duration <= now)
        {
            if (kind < 6)
            {
                // Cancelled an hour after booking: by the patient while the window allowed it, else by the practice.
                var at = booking.CreatedAt + Duration.FromHours(1);
                booking.Apply(BookingAction.Cancel, at < start - window ? by : staff, at, window, "No puedo ir");
            }
            else
            {
                booking.Apply(BookingAction.Confirm, staff, booking.CreatedAt, window);
                booking.Apply(kind < 11 ? BookingAction.MarkNoShow : BookingAction.Complete, staff, start + offering.Duration, window);
            }
        }
        else if (kind < 75)
        {
            booking.Apply(BookingAction.Confirm, staff, booking.CreatedAt, window);
        }
        return booking;
    }
}
