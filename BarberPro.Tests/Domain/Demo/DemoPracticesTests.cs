using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Demo;
using BarberPro.Domain.Series;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Demo;

/// <summary>The two demo practices over a real SQLite file: their vertical's defaults, their teams, weekly series, idempotent and deterministic.</summary>
public sealed class DemoPracticesTests
{
    private static readonly DemoPracticeAccounts Psychology = new("owner-psi", ["psi-1", "psi-2"], "customer-1");
    private static readonly DemoPracticeAccounts Medicine = new("owner-med", ["med-1", "med-2", "med-3"], "customer-1");

    private static async Task<SqliteTestDatabase> SeededAsync()
    {
        var db = await SqliteTestDatabase.CreateAsync();
        await using var ctx = db.NewContext();
        foreach (var id in new[] { "owner-psi", "psi-1", "psi-2", "owner-med", "med-1", "med-2", "med-3", "customer-1" })
            ctx.Users.Add(new AppUser { Id = id, UserName = id + "@test", Email = id + "@test", FullName = id });
        await ctx.SaveChangesAsync();
        Assert.True(await DemoPractices.SeedPsychologistAsync(ctx, Psychology, db.Clock.GetCurrentInstant()));
        Assert.True(await DemoPractices.SeedDoctorAsync(ctx, Medicine, db.Clock.GetCurrentInstant()));
        return db;
    }

    [Fact]
    public async Task ConsultorioBelgrano_TwoPsychologists_WeeklySessions_AndWeeklySeries()
    {
        await using var db = await SeededAsync();
        await using var ctx = db.NewContext();

        var shop = await ctx.Shops.SingleAsync(s => s.Slug == DemoPractices.PsychologistSlug);
        Assert.Equal("Consultorio Belgrano", shop.Name);
        Assert.Equal(Vertical.Psychologist, shop.Vertical);
        Assert.Equal("owner-psi", shop.OwnerUserId);
        Assert.Equal(VerticalProfile.Psychologist.DefaultPolicy, shop.Policy);
        var providers = await ctx.Providers.Where(p => p.ShopId == shop.Id).OrderBy(p => p.DisplayName).ToListAsync();
        Assert.Equal(["Lic. Laura Méndez", "Lic. Martín Sosa"], providers.Select(p => p.DisplayName));
        Assert.Equal(["psi-1", "psi-2"], providers.Select(p => p.UserId));

        var series = await ctx.Set<BookingSeries>().Where(s => s.ShopId == shop.Id).ToListAsync();
        Assert.True(series.Count >= 3);
        Assert.All(series, s => Assert.Equal(SeriesFrequency.Weekly, s.Frequency));
        var customer = await ctx.Customers.SingleAsync(c => c.UserId == "customer-1");
        var mine = Assert.Single(series, s => s.CustomerId == customer.Id);
        var occurrences = await ctx.Bookings.Where(b => b.SeriesId == mine.Id).OrderBy(b => b.SeriesIndex).ToListAsync();
        Assert.Equal(8, occurrences.Count);
        for (var i = 1; i < occurrences.Count; i++)
            Assert.Equal(occurrences[i - 1].Start.InZone(shop.TimeZone).LocalDateTime.PlusWeeks(1), occurrences[i].Start.InZone(shop.TimeZone).LocalDateTime);
        var now = db.Clock.GetCurrentInstant();
        Assert.Contains(occurrences, b => b.Start < now && b.Status == BookingStatus.Completed);
        Assert.Contains(occurrences, b => b.Start > now && b.Status.IsOpen());
        Assert.All(await ctx.Bookings.Where(b => b.ShopId == shop.Id).Include(b => b.Offering).ToListAsync(),
            b => Assert.Contains(b.Offering!.Duration, new[] { Duration.FromMinutes(50), Duration.FromMinutes(60) }));
    }

    [Fact]
    public async Task CentroMedicoCaballito_ThreeDoctors_TwentyMinuteConsultations()
    {
        await using var db = await SeededAsync();
        await using var ctx = db.NewContext();

        var shop = await ctx.Shops.SingleAsync(s => s.Slug == DemoPractices.DoctorSlug);
        Assert.Equal("Centro Médico Caballito", shop.Name);
        Assert.Equal(Vertical.Doctor, shop.Vertical);
        Assert.Equal("owner-med", shop.OwnerUserId);
        Assert.Equal(3, await ctx.Providers.CountAsync(p => p.ShopId == shop.Id && p.UserId != null));
        var consultation = await ctx.Offerings.SingleAsync(o => o.ShopId == shop.Id && o.Name == "Consulta");
        Assert.Equal(Duration.FromMinutes(20), consultation.Duration);
        var bookings = await ctx.Bookings.Where(b => b.ShopId == shop.Id).ToListAsync();
        Assert.True(bookings.Count(b => b.OfferingId == consultation.Id) > 100);
        var now = db.Clock.GetCurrentInstant();
        Assert.Contains(bookings, b => b.Start > now && b.Status.IsOpen());
        var customer = await ctx.Customers.SingleAsync(c => c.UserId == "customer-1");
        Assert.Contains(bookings, b => b.CustomerId == customer.Id && b.Start > now);
        Assert.True(shop.Policy.RequiresPatientDetails);
        var records = await ctx.ShopCustomers.Where(l => l.ShopId == shop.Id).ToListAsync();
        Assert.Equal(13, records.Count);
        Assert.All(records, r => Assert.Matches("^[0-9]{8}$", r.NationalId!));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.HealthInsurance)));
    }

    [Fact]
    public async Task Seeds_NeverOverlapOnOneProfessional_AndRunTwice_AddNothing()
    {
        await using var db = await SeededAsync();
        await using (var ctx = db.NewContext())
        {
            Assert.False(await DemoPractices.SeedPsychologistAsync(ctx, Psychology, db.Clock.GetCurrentInstant()));
            Assert.False(await DemoPractices.SeedDoctorAsync(ctx, Medicine, db.Clock.GetCurrentInstant()));
        }

        await using var read = db.NewContext();
        Assert.Equal(2, await read.Shops.CountAsync());
        var blocked = (await read.Bookings.AsNoTracking().ToListAsync()).Where(b => b.BlocksTime).GroupBy(b => b.ProviderId);
        foreach (var agenda in blocked)
        {
            var ordered = agenda.OrderBy(b => b.BlockedStart).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i - 1].BlockedEnd <= ordered[i].BlockedStart, $"{ordered[i - 1].BlockedEnd} > {ordered[i].BlockedStart}");
        }
    }

    [Fact]
    public async Task Seeds_AreDeterministic()
    {
        await using var first = await SeededAsync();
        await using var second = await SeededAsync();

        Assert.Equal(await ShapeAsync(first), await ShapeAsync(second));
    }

    /// <summary>Every booking's shop, professional, service, start and status, by names.</summary>
    private static async Task<List<string>> ShapeAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        return (await ctx.Bookings.AsNoTracking().Include(b => b.Shop).Include(b => b.Provider).Include(b => b.Offering).Include(b => b.Customer).ToListAsync())
            .Select(b => $"{b.Shop!.Slug} {b.Provider!.DisplayName} {b.Offering!.Name} {b.Customer!.FullName} {b.Start} {b.Status} {b.SeriesIndex}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
