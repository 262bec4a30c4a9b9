using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Data;

/// <summary>
/// The same smoke suite on each database the app runs on: migrate, seed, book through <see cref="BookingService"/>,
/// read availability, race for one slot. Subclasses name the database; every test gets a fresh one.
/// </summary>
public abstract class AgendaOnEveryDatabaseTests
{
    private const int Racers = 32;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task FreshDatabase_IsMigrated_WithEveryMigrationOfItsProvider()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task DemoShop_Seeds_AndItsBookingsNeverOverlapOnOneBarber()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        string[] users = ["demo-owner", "demo-b1", "demo-b2", "demo-b3", "demo-customer"];
        foreach (var id in users)
            db.Users.Add(new AppUser { Id = id, UserName = id, Email = id + "@test", FullName = id });
        await db.SaveChangesAsync();

        Assert.True(await DemoShop.SeedAsync(db, new DemoAccounts("demo-owner", ["demo-b1", "demo-b2", "demo-b3"], "demo-customer", "demo-customer@test"),
            database.Clock.GetCurrentInstant()));

        await using var check = database.NewContext();
        var bookings = await check.Bookings.ToListAsync();
        Assert.True(bookings.Count > 100, $"{bookings.Count} demo bookings");
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        Assert.False(await DemoShop.SeedAsync(check, new DemoAccounts("demo-owner", ["demo-b1", "demo-b2", "demo-b3"], "demo-customer", "demo-customer@test"),
            database.Clock.GetCurrentInstant()));
    }

    [Fact]
    public async Task Book_ThenAvailability_NoLongerOffersTheSlot_AndCancellingFreesIt()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var start = TestAgenda.TuesdayAt(10);
        var before = await database.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday);
        Assert.Contains(start, before!.Starts);

        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start, "Corte clásico"), Actor.Customer(TestAgenda.CustomerUserId)));
        var taken = await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.OtherCustomerUserId));

        var conflict = Assert.IsType<BookingOutcome.Conflict>(taken);
        Assert.Equal("slot.taken", conflict.Error.Code);
        Assert.NotEmpty(conflict.Alternatives);
        var during = await database.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday);
        Assert.DoesNotContain(start, during!.Starts);
        Assert.Equal(before.Starts.Count - during.Starts.Count, before.Starts.Count(s => s > start - Duration.FromMinutes(35) && s < start + Duration.FromMinutes(35)));

        await using (var db = database.NewContext())
        {
            var stored = await db.Bookings.Include(b => b.History).SingleAsync(b => b.Id == booked.Booking.Id);
            Assert.Equal((start, BookingStatus.Pending, 12000m, "Corte clásico"), (stored.Start, stored.Status, stored.Price, stored.Notes));
            Assert.Single(stored.History);
        }

        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.ApplyAsync(booked.Booking.Id, BookingAction.Cancel, Actor.Owner(TestAgenda.OwnerUserId), "Se enfermó"));
        var after = await database.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday);
        Assert.Equal(before.Starts, after!.Starts);
    }

    [Fact]
    public async Task Booking_StoresTheShopLocalStartDate_AndAMoveUpdatesIt()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await using (var db = database.NewContext())
        {
            // Late hours, so a start on Tuesday evening in Buenos Aires is already Wednesday in UTC.
            var barber = await db.Providers.Include(p => p.WorkingHours).SingleAsync(p => p.Id == agenda.Barber.Id);
            var late = new LocalTimeRange(new LocalTime(9, 0), new LocalTime(23, 30));
            barber.SetWeeklyHours([(IsoDayOfWeek.Tuesday, late), (IsoDayOfWeek.Wednesday, late)]);
            await db.SaveChangesAsync();
        }
        var start = TestAgenda.TuesdayAt(22);
        Assert.Equal(TestAgenda.Tuesday.PlusDays(1), start.InUtc().Date);

        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.CustomerUserId))).Booking;

        Assert.Equal(7, booked.Id.Version);
        await using (var db = database.NewContext())
            Assert.Equal(booked.Id, await db.Bookings.Where(b => b.LocalStartDate == TestAgenda.Tuesday).Select(b => b.Id).SingleAsync());

        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.RescheduleAsync(
            booked.Id, TestAgenda.TuesdayAt(22, 30).Plus(Duration.FromDays(1)), Actor.Customer(TestAgenda.CustomerUserId)));

        await using (var db = database.NewContext())
            Assert.Equal(TestAgenda.Tuesday.PlusDays(1), (await db.Bookings.SingleAsync(b => b.Id == booked.Id)).LocalStartDate);
    }

    [Fact]
    public async Task Prices_AreSummedAndGroupedByShopDayInSql()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        foreach (var (hour, offering) in new[] { (10, agenda.Haircut), (11, agenda.Color), (15, agenda.Haircut) })
        {
            Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, offering.Id, TestAgenda.TuesdayAt(hour)), Actor.Customer(TestAgenda.CustomerUserId)));
        }
        await using var db = database.NewContext();

        // Centavos on every database: the sum is one SQL aggregate, exact to the centavo.
        var byDay = await db.Bookings.Where(b => b.ShopId == agenda.Shop.Id)
            .GroupBy(b => b.LocalStartDate)
            .Select(g => new { Day = g.Key, Total = g.Sum(b => b.Price), Count = g.Count() })
            .ToListAsync();

        var tuesday = Assert.Single(byDay);
        Assert.Equal((TestAgenda.Tuesday, 12000m + 30000m + 12000m, 3), (tuesday.Day, tuesday.Total, tuesday.Count));
    }

    [Fact]
    public async Task BookingsStoredWithoutLocalStartDate_AreBackfilledAtStartUp()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
        await using (var db = database.NewContext())
            Assert.Equal(1, await db.Bookings.ExecuteUpdateAsync(s => s.SetProperty(b => b.LocalStartDate, default(LocalDate))));

        await DatabaseInitializer.MigrateAsync(database.DbFactory);

        await using (var db = database.NewContext())
            Assert.Equal(TestAgenda.Tuesday, (await db.Bookings.SingleAsync(b => b.Id == booked.Id)).LocalStartDate);
    }

    /// <summary>32 customers race for one slot; exactly one booking is stored (AgendaRaceTests repeats this and the other races).</summary>
    [Fact]
    public async Task SameSlot_RacedByManyCustomers_ExactlyOneIsStored()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: Racers);
        var start = TestAgenda.TuesdayAt(11);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i)));
        })).ToArray();

        gate.SetResult();
        var outcomes = await Task.WhenAll(racers);

        Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
        Assert.All(outcomes.Where(o => o is not BookingOutcome.Succeeded), o => Assert.IsType<BookingOutcome.Conflict>(o));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.ProviderId == agenda.Barber.Id));
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task CountDoubleBookings_SeesAnOverlapWrittenPastTheServices()
    {
        // The counter the race tests rely on must be able to fail: two overlapping Pending rows written directly.
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var first = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), Actor.Customer(TestAgenda.OtherCustomerUserId)));
        Assert.Equal(0, await database.CountDoubleBookingsAsync());

        await using (var db = database.NewContext())
        {
            // Drop the database's own guard where there is one, then move the first booking onto the second.
            if (database.Provider == DatabaseProvider.PostgreSql)
                await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Bookings" DROP CONSTRAINT "EX_Bookings_NoOverlap" """);
            var shift = Duration.FromMinutes(50);
            await db.Bookings.Where(b => b.Id == first.Id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.BlockedStart, first.BlockedStart + shift)
                .SetProperty(b => b.BlockedEnd, first.BlockedEnd + shift));
        }

        Assert.Equal(1, await database.CountDoubleBookingsAsync());
    }

}

public sealed class AgendaOnSqliteTests : AgendaOnEveryDatabaseTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class AgendaOnPostgreSqlTests : AgendaOnEveryDatabaseTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync();
}
