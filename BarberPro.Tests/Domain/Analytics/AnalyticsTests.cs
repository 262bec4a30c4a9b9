using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Analytics;

/// <summary>
/// The analytics figures on every database, against a small history whose every answer is known (worked out in the
/// comments). The week under report is Tuesday 8 to Saturday 12 December 2026 (shop-local); the previous period of the
/// same length is Thursday 3 to Monday 7. "Now" is Saturday 12 at 09:00.
/// <list type="bullet">
/// <item>Previous: P1 Thu 3 10:00 Barbero Uno, Corte, Cliente Uno: completed ($ 12.000). P2 Fri 4 10:00 Barbero Uno,
/// Corte, Cliente Dos: no-show.</item>
/// <item>Tue 8: C1 10:00 Uno, Corte, Cliente Uno online, confirmed by her after a reminder: completed ($ 12.000).
/// C2 11:00 Uno, Color, Cliente Dos booked by the owner: completed ($ 30.000). C5 15:00 Dos, Corte, a walk-in booked by
/// the owner: completed ($ 12.000).</item>
/// <item>Wed 9: C3 10:00 Uno, Corte, Cliente Uno online: cancelled by her on Monday (two days ahead: in time).
/// C4 12:00 Dos, Corte, Cliente Dos online: cancelled by the owner at 11:30 (inside the 24-hour window: late).
/// Barbero Uno is off 14:00-16:00.</item>
/// <item>Thu 10: the shop is closed.</item>
/// <item>Fri 11: C6 23:00 Dos (working until 23:59 that day), Corte, Cliente Uno online, reminded, not confirmed by
/// her: no-show. 23:00 in Buenos Aires is already Saturday in UTC.</item>
/// <item>Sat 12: C7 10:00 Uno, Corte, Cliente Dos online, booked after the haircut went up to $ 15.000: pending.</item>
/// </list>
/// </summary>
public abstract class AnalyticsTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Uno = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor Dos = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly LocalDate From = new(2026, 12, 8);
    private static readonly LocalDate To = new(2026, 12, 12);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Monday 30 November 2026, 09:00: when every booking of the history was made.</summary>
    private static readonly Instant BookedAt = TestAgenda.Local(new LocalDateTime(2026, 11, 30, 9, 0));

    private static Instant At(int day, int hour, int minute = 0) => TestAgenda.Local(new LocalDateTime(2026, 12, day, hour, minute));

    private sealed record History(TestAgenda Agenda, Guid WalkInId);

    private static async Task<History> SeedHistoryAsync(TestDatabase db)
    {
        db.Clock.Reset(BookedAt);
        var agenda = await TestAgenda.SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            var shop = await ctx.Shops.Include(s => s.Closures).SingleAsync(s => s.Id == agenda.Shop.Id);
            shop.CloseOn(new LocalDate(2026, 12, 10), "Inventario", new LocalDate(2026, 11, 30));
            var uno = await ctx.Providers.Include(p => p.TimeOff).SingleAsync(p => p.Id == agenda.Barber.Id);
            uno.AddTimeOff(new LocalDateTime(2026, 12, 9, 14, 0), new LocalDateTime(2026, 12, 9, 16, 0), "Médico");
            var dos = await ctx.Providers.Include(p => p.Overrides).SingleAsync(p => p.Id == agenda.OtherBarber.Id);
            dos.SetOverride(new LocalDate(2026, 12, 11), [new LocalTimeRange(new LocalTime(9, 0), new LocalTime(13, 0)), new LocalTimeRange(new LocalTime(14, 0), new LocalTime(23, 59))]);
            await ctx.SaveChangesAsync();
        }
        var walkIn = await db.Services.GetRequiredService<CustomerDirectory>().FindOrAddWalkInAsync(agenda.Shop.Id, "Paso Justo", null, Owner);
        Assert.True(walkIn.Succeeded);

        var p1 = await BookAsync(db, agenda.Barber, agenda.Haircut, At(3, 10), Uno);
        var p2 = await BookAsync(db, agenda.Barber, agenda.Haircut, At(4, 10), Dos);
        var c1 = await BookAsync(db, agenda.Barber, agenda.Haircut, At(8, 10), Uno);
        var c2 = await BookAsync(db, agenda.Barber, agenda.Color, At(8, 11), Owner, agenda.OtherCustomer.Id);
        var c5 = await BookAsync(db, agenda.OtherBarber, agenda.Haircut, At(8, 15), Owner, walkIn.Value!.Id);
        var c3 = await BookAsync(db, agenda.Barber, agenda.Haircut, At(9, 10), Uno);
        var c4 = await BookAsync(db, agenda.OtherBarber, agenda.Haircut, At(9, 12), Dos);
        var c6 = await BookAsync(db, agenda.OtherBarber, agenda.Haircut, At(11, 23), Uno);
        await using (var ctx = db.NewContext())
        {
            var haircut = await ctx.Offerings.SingleAsync(o => o.Id == agenda.Haircut.Id);
            haircut.Update(haircut.Name, haircut.Duration, 15000m, haircut.BufferBefore, haircut.BufferAfter, haircut.Capacity);
            await ctx.SaveChangesAsync();
        }
        await BookAsync(db, agenda.Barber, agenda.Haircut, At(12, 10), Dos);

        await ApplyAsync(db, At(3, 9), p1, BookingAction.Confirm, Owner);
        await ApplyAsync(db, At(3, 11), p1, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(4, 9), p2, BookingAction.Confirm, Owner);
        await ApplyAsync(db, At(4, 11), p2, BookingAction.MarkNoShow, Owner);
        await ApplyAsync(db, At(7, 9), c3, BookingAction.Cancel, Uno);
        await SendReminderAsync(db, agenda, c1, At(8, 10), At(7, 9, 30));
        await ApplyAsync(db, At(7, 10), c1, BookingAction.Confirm, Uno);
        await ApplyAsync(db, At(8, 12), c1, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(8, 12), c2, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(8, 16), c5, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(9, 11, 30), c4, BookingAction.Cancel, Owner);
        await SendReminderAsync(db, agenda, c6, At(11, 23), At(10, 23));
        await ApplyAsync(db, At(11, 20), c6, BookingAction.Confirm, Owner);
        await ApplyAsync(db, At(12, 0), c6, BookingAction.MarkNoShow, Owner);
        db.Clock.Reset(At(12, 9));
        return new History(agenda, walkIn.Value.Id);
    }

    private static async Task<Guid> BookAsync(TestDatabase db, Provider provider, BarberPro.Domain.Catalog.Offering offering, Instant start, Actor who,
        Guid? customerId = null)
    {
        var outcome = await db.Bookings.BookAsync(new NewBooking(provider.Id, offering.Id, start, CustomerId: customerId), who);
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
    }

    private static async Task ApplyAsync(TestDatabase db, Instant at, Guid bookingId, BookingAction action, Actor who)
    {
        db.Clock.Reset(at);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(bookingId, action, who, action == BookingAction.Cancel ? "Motivo" : null));
    }

    /// <summary>A reminder of the booking at <paramref name="start"/>, due and sent at <paramref name="at"/> by the real sender (a recording channel).</summary>
    private static async Task SendReminderAsync(TestDatabase db, TestAgenda agenda, Guid bookingId, Instant start, Instant at)
    {
        db.Clock.Reset(at);
        await using (var ctx = db.NewContext())
        {
            ctx.Notifications.Add(new Notification($"reminder:{bookingId}", NotificationKind.Reminder, NotificationChannel.WhatsApp, "+5491123456789", null,
                "Recordatorio", at, at, agenda.Shop.Id, bookingId, bookingStart: start));
            await ctx.SaveChangesAsync();
        }
        var sender = new NotificationSender(db.DbFactory, [new Notifications.RecordingChannel(NotificationChannel.WhatsApp)], db.Clock,
            db.Services.GetRequiredService<NotificationOptions>(), db.Metrics);
        Assert.Equal(1, await sender.SendDueAsync());
    }

    private static AnalyticsService Service(TestDatabase db) => db.Services.GetRequiredService<AnalyticsService>();

    private static async Task<AnalyticsReport> ReportAsync(TestDatabase db, History history, Actor? actor = null, Guid? providerId = null, Guid? offeringId = null)
    {
        var result = await Service(db).ReportAsync(new AnalyticsQuery(history.Agenda.Shop.Id, From, To, providerId, offeringId), actor ?? Owner);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    [Fact]
    public async Task TheWeek_CountsEveryBookingByWhatBecameOfIt_AndComparesWithThePreviousWeek()
    {
        await using var db = await CreateDatabaseAsync();
        var report = await ReportAsync(db, await SeedHistoryAsync(db));

        // C1..C7; completed C1, C2, C5; C3 by the customer; C4 by the shop, late; C6 missed.
        Assert.Equal(new BookingCounts(7, 3, 1, 1, 1, 1), report.Current.Bookings);
        Assert.Equal(2.0 / 7, report.Current.Bookings.CancellationRate);
        Assert.Equal(0.25, report.Current.Bookings.NoShowRate);
        // Past prices stay: C1 and C5 at $ 12.000, C2 $ 30.000; C7 is expected at the new $ 15.000.
        Assert.Equal(new RevenueFigures(54000m, 15000m, 18000m), report.Current.Revenue);
        Assert.Equal(5.0 / 7, report.Current.OnlineShare);

        Assert.Equal(new BookingCounts(2, 1, 0, 0, 0, 1), report.Previous.Bookings);
        Assert.Equal(new RevenueFigures(12000m, 0m, 12000m), report.Previous.Revenue);
        Assert.Equal(1.0, report.Previous.OnlineShare);
    }

    [Fact]
    public async Task Clients_NewReturningRebookedAndWalkIns()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        var report = await ReportAsync(db, history);

        // Visitors: Cliente Uno (visited on the 3rd: returning), Cliente Dos (missed the 4th: a no-show is no visit, so new),
        // the walk-in (new, no account). Cliente Dos holds C7: rebooked.
        Assert.Equal(new ClientFigures(New: 2, Returning: 1, Rebooked: 1, WalkIns: 1), report.Current.Clients);
        Assert.Equal(new ClientFigures(New: 1, Returning: 0, Rebooked: 0, WalkIns: 0), report.Previous.Clients);
        Assert.Equal([history.Agenda.OtherCustomer.Id], report.TopClientsBySpend.Take(1).Select(c => c.CustomerId));
        Assert.Equal(30000m, report.TopClientsBySpend[0].Spend);
        Assert.Equal(3, report.TopClientsByVisits.Count);
        Assert.All(report.TopClientsByVisits, c => Assert.Equal(1, c.Visits));
        Assert.Contains(report.TopClientsByVisits, c => c.CustomerId == history.WalkInId && c.Name == "Paso Justo");
    }

    [Fact]
    public async Task Occupancy_IsBookedOverWorkingMinutes_WithTimeOffAndAClosedDay()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        var report = await ReportAsync(db, history);

        // A normal day is 600 minutes. Barbero Uno: Tue 600, Wed 480 (off 2 h), Thu closed, Fri 600, Sat 600 = 2280;
        // booked C1 30 + C2 60 + C7 30 = 120. Barbero Dos: Tue 600, Wed 600, Thu closed, Fri 240 + 599 = 839, Sat 600 =
        // 2639; booked C5 30 + C6 30 = 60 (C4 was cancelled).
        var uno = report.Occupancy.Single(o => o.ProviderId == history.Agenda.Barber.Id);
        var dos = report.Occupancy.Single(o => o.ProviderId == history.Agenda.OtherBarber.Id);
        Assert.Equal((120, 2280), (uno.BookedMinutes, uno.AvailableMinutes));
        Assert.Equal((60, 2639), (dos.BookedMinutes, dos.AvailableMinutes));
        Assert.Equal(180.0 / 4919, report.Current.OccupancyRate);
        Assert.Equal(
            [(From, 120, 1200), (From.PlusDays(1), 0, 1080), (From.PlusDays(2), 0, 0), (From.PlusDays(3), 30, 1439), (To, 30, 1200)],
            report.OccupancyByDay.Select(d => (d.Date, d.BookedMinutes, d.AvailableMinutes)));
        Assert.Null(report.OccupancyByDay[2].Rate);
    }

    [Fact]
    public async Task ABookingNearMidnight_CountsOnItsShopDay_AndItsLocalHour()
    {
        await using var db = await CreateDatabaseAsync();
        var report = await ReportAsync(db, await SeedHistoryAsync(db));

        // C6 at Friday 23:00 in Buenos Aires (Saturday 02:00 UTC) is a Friday no-show at 23 h.
        var friday = report.Trend.Single(t => t.Start == new LocalDate(2026, 12, 11));
        Assert.Equal((1, 1), (friday.Made, friday.NoShows));
        Assert.Equal(
            [(IsoDayOfWeek.Tuesday, 10, 1), (IsoDayOfWeek.Tuesday, 11, 1), (IsoDayOfWeek.Tuesday, 15, 1), (IsoDayOfWeek.Friday, 23, 1), (IsoDayOfWeek.Saturday, 10, 1)],
            report.BusiestHours.Select(c => (c.Day, c.Hour, c.Count)));
        Assert.False(report.TrendByWeek);
        Assert.Equal(5, report.Trend.Count);
        Assert.Equal([3, 2, 0, 1, 1], report.Trend.Select(t => t.Made));
        Assert.Equal(54000m, report.Trend.Sum(t => t.Revenue));
    }

    [Fact]
    public async Task Services_LeadTime_Reminders_AndUnservedDemand()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        var report = await ReportAsync(db, history);

        Assert.Equal([("Corte", 4, 24000m), ("Color", 1, 30000m)], report.TopServicesByCount.Select(s => (s.Name, s.Count, s.Revenue)));
        Assert.Equal(["Color", "Corte"], report.TopServicesByRevenue.Select(s => s.Name));
        // Booked on Monday 30 November at 09:00, except C7 (also then: the clock had not moved); lead time is start minus that.
        var leads = new[] { At(8, 10), At(8, 11), At(8, 15), At(9, 10), At(9, 12), At(11, 23), At(12, 10) }
            .Select(start => (start - BookedAt).TotalMinutes).Average();
        Assert.Equal(Duration.FromMinutes((long)leads), report.Current.AverageLeadTime);
        // C1 reminded and confirmed by her: came. C6 reminded, not confirmed by her: missed.
        Assert.Equal(new ReminderEffect(Confirmed: 1, ConfirmedNoShows: 0, NotConfirmed: 1, NotConfirmedNoShows: 1), report.Reminders);
        Assert.Equal(0, report.Unserved.WaitlistNeverServed);
        Assert.Empty(report.Unserved.FullDays);
    }

    [Fact]
    public async Task AVisitOfSeveralServices_CountsEachServiceWithItsOwnPrice()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        db.Clock.Reset(BookedAt);
        var visit = await db.Bookings.BookAsync(NewBooking.ForVisit(history.Agenda.OtherBarber.Id, [history.Agenda.Color.Id, history.Agenda.Haircut.Id],
            At(11, 10), customerId: history.Agenda.Customer.Id), Owner);
        await ApplyAsync(db, At(11, 12), Assert.IsType<BookingOutcome.Succeeded>(visit).Booking.Id, BookingAction.Complete, Owner);
        db.Clock.Reset(At(12, 9));

        var report = await ReportAsync(db, history);

        // The visit's Color (30.000) and its Corte (15.000 when booked) each count once, with their own prices.
        Assert.Equal([("Color", 2, 60000m), ("Corte", 5, 39000m)], report.TopServicesByRevenue.Select(s => (s.Name, s.Count, s.Revenue)));
    }

    [Fact]
    public async Task ABarber_GetsTheirOwnNumbers_AndAnotherBarbersAreNotFound()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        var barber = Actor.Provider(TestAgenda.BarberUserId);

        var own = await ReportAsync(db, history, barber);

        Assert.Equal(history.Agenda.Barber.Id, own.Query.ProviderId);
        Assert.Equal(new BookingCounts(4, 2, 1, 0, 0, 0), own.Current.Bookings); // C1, C2, C3, C7
        Assert.Equal([history.Agenda.Barber.Id], own.Occupancy.Select(o => o.ProviderId));
        var other = await Service(db).ReportAsync(new AnalyticsQuery(history.Agenda.Shop.Id, From, To, history.Agenda.OtherBarber.Id), barber);
        Assert.True(other.IsNotFound);
        var filters = await Service(db).FiltersAsync(history.Agenda.Shop.Id, barber);
        Assert.Equal([history.Agenda.Barber.Id], filters.Value!.Providers.Select(p => p.Id));
        Assert.Equal(history.Agenda.Barber.Id, filters.Value.OwnProviderId);
        var export = await Service(db).BookingsAsync(new AnalyticsQuery(history.Agenda.Shop.Id, From, To), barber);
        var rows = await export.Value!.ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("Barbero Uno", r.Provider));
    }

    [Fact]
    public async Task ACustomer_AnotherShopsOwner_AndUnknownFilters_GetNothing_AndABadRangeIsRefused()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);
        var shopId = history.Agenda.Shop.Id;
        var query = new AnalyticsQuery(shopId, From, To);

        Assert.True((await Service(db).ReportAsync(query, Uno)).IsNotFound);
        Assert.True((await Service(db).ReportAsync(query, Actor.Owner("owner-of-another-shop"))).IsNotFound);
        Assert.True((await Service(db).FiltersAsync(shopId, Uno)).IsNotFound);
        Assert.True((await Service(db).BookingsAsync(query, Uno)).IsNotFound);
        Assert.True((await Service(db).ReportAsync(query with { ProviderId = Guid.NewGuid() }, Owner)).IsNotFound);
        Assert.True((await Service(db).ReportAsync(query with { OfferingId = Guid.NewGuid() }, Owner)).IsNotFound);
        Assert.True((await Service(db).ReportAsync(query with { ShopId = Guid.NewGuid() }, Owner)).IsNotFound);

        var backwards = await Service(db).ReportAsync(query with { From = To, To = From }, Owner);
        Assert.Equal("analytics.range", backwards.Error?.Code);
        var tooLong = await Service(db).ReportAsync(query with { From = To.PlusDays(-AnalyticsQuery.MaxDays) }, Owner);
        Assert.Equal("analytics.range", tooLong.Error?.Code);
        Assert.True((await Service(db).ReportAsync(query, Actor.Admin("admin-1"))).Succeeded);
    }

    [Fact]
    public async Task OneService_AndTheExport_AreTheBookingsBehindTheFigures()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);

        var color = await ReportAsync(db, history, offeringId: history.Agenda.Color.Id);
        Assert.Equal(new BookingCounts(1, 1, 0, 0, 0, 0), color.Current.Bookings);
        Assert.Equal(30000m, color.Current.Revenue.Completed);

        var export = await Service(db).BookingsAsync(new AnalyticsQuery(history.Agenda.Shop.Id, From, To), Owner);
        var rows = await export.Value!.ToListAsync();
        Assert.Equal(7, rows.Count);
        var midnight = rows.Single(r => r.Start == new LocalDateTime(2026, 12, 11, 23, 0));
        Assert.Equal((BookingStatus.NoShow, "Cliente Uno", 12000m, 30, ActorRole.Customer), (midnight.Status, midnight.Customer, midnight.Price, midnight.Minutes, midnight.MadeBy));
        var late = rows.Single(r => r.Start == new LocalDateTime(2026, 12, 9, 12, 0));
        Assert.Equal((BookingStatus.Cancelled, (ActorRole?)ActorRole.Owner, true), (late.Status, late.CancelledBy, late.CancelledLate));
        Assert.Equal(rows.OrderBy(r => r.Start).Select(r => r.BookingId), rows.Select(r => r.BookingId));
    }

    [Fact]
    public async Task AYear_HasAWeeklyTrend_StartingOnMondays()
    {
        await using var db = await CreateDatabaseAsync();
        var history = await SeedHistoryAsync(db);

        var result = await Service(db).ReportAsync(new AnalyticsQuery(history.Agenda.Shop.Id, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), Owner);

        var report = result.Value!;
        Assert.True(report.TrendByWeek);
        Assert.Equal(new LocalDate(2026, 1, 1), report.Trend[0].Start); // a Thursday: the range's first day
        Assert.All(report.Trend.Skip(1), t => Assert.Equal(IsoDayOfWeek.Monday, t.Start.DayOfWeek));
        Assert.Equal(9, report.Trend.Sum(t => t.Made));
        Assert.Equal(new BookingCounts(9, 4, 1, 1, 1, 2), report.Current.Bookings);
    }
}

public sealed class AnalyticsOnSqliteTests : AnalyticsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class AnalyticsOnPostgreSqlTests : AnalyticsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync();
}
