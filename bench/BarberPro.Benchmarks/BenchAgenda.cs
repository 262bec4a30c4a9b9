using BarberPro.Domain;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace BarberPro.Benchmarks;

/// <summary>
/// A SQLite file with one shop and one barber (Tue–Sat 09–13, 14–20) whose calendar holds <c>bookings</c>
/// non-overlapping bookings, 16 a working day, most of them in the past, as a busy barber's history.
/// </summary>
internal sealed class BenchAgenda : IDisposable
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb[Shop.DefaultTimeZoneId];
    public static readonly Instant Now = new LocalDateTime(2026, 12, 7, 9, 0).InZoneStrictly(Zone).ToInstant();
    /// <summary>A Tuesday a week after <see cref="Now"/>, inside the history, with its 16 bookings.</summary>
    public static readonly LocalDate TargetDay = new(2026, 12, 15);

    private readonly ServiceProvider _services;
    private readonly string _folder;

    public BenchAgenda(int bookings, string synchronous = "FULL", int customers = 1)
    {
        _folder = Path.Combine(Path.GetTempPath(), "barberpro-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(_folder, "bench.db")}",
            ["Database:SqliteSynchronous"] = synchronous,
        }).Build();
        Clock = new FakeClock(Now);
        _services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddBarberProDomain(configuration, _folder)
            .BuildServiceProvider();
        DatabaseInitializer.MigrateAsync(DbFactory).GetAwaiter().GetResult();
        Seed(bookings, customers);
    }

    public FakeClock Clock { get; }
    public IDbContextFactory<BarberProDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
    public AvailabilityService Availability => _services.GetRequiredService<AvailabilityService>();
    public BookingService Bookings => _services.GetRequiredService<BookingService>();
    public Shop Shop { get; private set; } = null!;
    public Provider Barber { get; private set; } = null!;
    public Offering Haircut { get; private set; } = null!;
    public List<string> CustomerUserIds { get; } = [];

    /// <summary>The engine input for <see cref="TargetDay"/> with every booking of the calendar as a busy span.</summary>
    public AvailabilityInput EngineInputWithWholeHistory()
    {
        using var db = DbFactory.CreateDbContext();
        var busy = db.Bookings.AsNoTracking().Select(b => new { b.BlockedStart, b.BlockedEnd }).ToList()
            .Select(b => new Interval(b.BlockedStart, b.BlockedEnd)).ToList();
        return new AvailabilityInput(Zone, Shop.Policy, SlotShape.Of(Haircut), ProviderHours.Of(Barber), [], busy);
    }

    /// <summary>Deletes every booking after <paramref name="from"/> (to reuse free slots between iterations).</summary>
    public void DeleteBookingsFrom(Instant from)
    {
        using var db = DbFactory.CreateDbContext();
        db.Bookings.Where(b => b.Start >= from).ExecuteDelete();
    }

    private void Seed(int bookings, int customers)
    {
        using var db = DbFactory.CreateDbContext();
        var shop = new Shop("Bench", "bench");
        var haircut = new Offering(shop.Id, "Corte", Duration.FromMinutes(30), 12000m, bufferAfter: Duration.FromMinutes(5));
        var barber = new Provider(shop.Id, "Barbero");
        var days = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday };
        barber.SetWeeklyHours(days.SelectMany(d => new[]
        {
            (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(13, 0))),
            (d, new LocalTimeRange(new LocalTime(14, 0), new LocalTime(20, 0))),
        }));
        barber.Offer(haircut);
        db.AddRange(shop, haircut, barber);
        for (var i = 0; i < customers; i++)
        {
            var userId = $"bench-{i}";
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = userId + "@bench", FullName = userId });
            db.Customers.Add(new Customer($"Cliente {i}", "11 2345-6789", null, userId));
            CustomerUserIds.Add(userId);
        }
        var walkIn = new Customer("Cliente Histórico", "11 2345-6789");
        db.Customers.Add(walkIn);
        db.SaveChanges();
        db.ChangeTracker.Clear();

        // Fill working days backwards from a few days after the target day: 16 bookings a day, 40 minutes apart.
        var day = TargetDay.PlusDays(3);
        var written = 0;
        var actor = Actor.Admin("bench");
        while (written < bookings)
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Sunday or IsoDayOfWeek.Monday))
            {
                var batch = new List<Booking>();
                for (var k = 0; k < 16 && written < bookings; k++, written++)
                {
                    var hour = k < 6 ? 9 : 14;
                    var index = k < 6 ? k : k - 6;
                    var start = day.At(new LocalTime(hour, 0)).PlusMinutes(40 * index).InZoneStrictly(Zone).ToInstant();
                    batch.Add(new Booking(shop, barber, haircut, walkIn, start, null, actor, start - Duration.FromDays(2)));
                }
                db.AttachRange(shop, barber, haircut, walkIn);
                db.Bookings.AddRange(batch);
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }
            day = day.PlusDays(-1);
        }
        Shop = shop;
        Barber = barber;
        Haircut = haircut;
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
