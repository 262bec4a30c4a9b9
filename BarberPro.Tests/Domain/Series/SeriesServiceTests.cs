using BarberPro.Domain.Bookings;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Series;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Series;

/// <summary>
/// <see cref="SeriesService"/> over a real SQLite file, one database per test. The clock starts Monday 2026-12-07 09:00 in
/// Buenos Aires; the barber works Tuesday to Saturday 09–13 and 14–20; the haircut is 30 minutes plus 5 of cleanup.
/// </summary>
public sealed class SeriesServiceTests
{
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor OtherBarber = Actor.Provider(TestAgenda.OtherBarberUserId);
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);

    private static SeriesService Series(TestDatabase db) => db.Services.GetRequiredService<SeriesService>();

    private static Instant At(LocalDate date, int hour, int minute = 0) => TestAgenda.Local(date.At(new LocalTime(hour, minute)));

    private static SeriesRequest WeeklyFromTuesdayAt10(TestAgenda agenda, int count = 4) =>
        new(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), SeriesFrequency.Weekly, count, null);

    private static async Task<SeriesPreview> PreviewAsync(TestDatabase db, SeriesRequest request, Actor actor)
    {
        var preview = await Series(db).PreviewAsync(request, actor);
        Assert.True(preview.Succeeded, preview.Error?.ToString());
        return preview.Value!;
    }

    private static async Task<Booking> BookOneAsync(TestDatabase db, TestAgenda agenda, Instant start, Actor actor) =>
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), actor)).Booking;

    [Fact]
    public async Task Preview_WithATakenOccurrenceAndAClosedDay_ShowsEachAsClashingWithSameDayAlternatives()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var second = TestAgenda.Tuesday.PlusWeeks(1);
        var third = TestAgenda.Tuesday.PlusWeeks(2);
        await BookOneAsync(db, agenda, At(second, 10), OtherCustomer);
        Assert.True((await db.Services.GetRequiredService<ShopSettingsService>().CloseOnAsync(agenda.Shop.Id, third, "Feriado", Owner)).Succeeded);

        var preview = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda), Customer);

        Assert.Equal(4, preview.Occurrences.Count);
        Assert.Equal([0, 1, 2, 3], preview.Occurrences.Select(o => o.Index));
        Assert.Equal([true, false, false, true], preview.Occurrences.Select(o => o.Available));
        Assert.All(preview.Occurrences, o => Assert.Equal(new LocalTime(10, 0), o.Start.InZone(TestAgenda.BuenosAires).TimeOfDay));
        Assert.All(preview.Occurrences, o => Assert.Equal(o.Start + Duration.FromMinutes(30), o.End));
        var taken = preview.Occurrences[1];
        Assert.Equal("slot.taken", taken.Error?.Code);
        // 10:00–10:35 is taken: the nearest free starts that day are 09:15 and 10:45, then 09:00.
        Assert.Equal([At(second, 9), At(second, 9, 15), At(second, 10, 45)], taken.Alternatives);
        var closed = preview.Occurrences[2];
        Assert.Equal("slot.shop_closed", closed.Error?.Code);
        Assert.Empty(closed.Alternatives);
        Assert.Empty(preview.Occurrences[0].Alternatives);
    }

    [Fact]
    public async Task Preview_Daily_OnTheBarbersDaysOff_ClashesAsOutsideHours_WithNoAlternatives()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var preview = await PreviewAsync(db, new SeriesRequest(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), SeriesFrequency.Daily, 7, null), Customer);

        // Tuesday to Saturday are working days; Sunday and Monday are not.
        Assert.Equal([true, true, true, true, true, false, false], preview.Occurrences.Select(o => o.Available));
        Assert.All(preview.Occurrences.Skip(5), o => Assert.Equal("slot.outside_hours", o.Error?.Code));
        Assert.All(preview.Occurrences.Skip(5), o => Assert.Empty(o.Alternatives));
    }

    [Fact]
    public async Task Book_TakingAnAlternativeAndSkippingOne_CreatesTheSeriesWithPatternIndexes()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var second = TestAgenda.Tuesday.PlusWeeks(1);
        await BookOneAsync(db, agenda, At(second, 10), OtherCustomer);
        var preview = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda), Customer);
        // The customer takes 10:45 for the clashing second one and skips the third.
        var chosen = new[] { preview.Occurrences[0].Start, preview.Occurrences[1].Alternatives[^1], preview.Occurrences[3].Start };

        var outcome = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, chosen, "Mismo corte"), Customer);

        var done = Assert.IsType<SeriesOutcome.Succeeded>(outcome);
        await using var read = db.NewContext();
        var series = await read.BookingSeries.SingleAsync();
        Assert.Equal(done.Series.Id, series.Id);
        Assert.Equal(TestAgenda.Tuesday.At(new LocalTime(10, 0)), series.FirstStart);
        Assert.Equal(4, series.PatternCount);
        Assert.Equal(SeriesFrequency.Weekly, series.Frequency);
        Assert.Equal(agenda.Customer.Id, series.CustomerId);
        var bookings = await read.Bookings.Where(b => b.SeriesId == series.Id).OrderBy(b => b.Start).ToListAsync();
        Assert.Equal(chosen, bookings.Select(b => b.Start));
        Assert.Equal([0, 1, 3], bookings.Select(b => b.SeriesIndex!.Value));
        Assert.All(bookings, b => Assert.Equal(BookingStatus.Pending, b.Status));
        Assert.All(bookings, b => Assert.Equal("Mismo corte", b.Notes));
        var created = await read.Outbox.Where(o => o.Type == OutboxEventType.BookingCreated).CountAsync();
        Assert.Equal(4, created); // the other customer's booking and the three of the series
        Assert.Equal(0, await db.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task Book_AClashAppearsBetweenPreviewAndConfirm_NothingIsCreatedAndTheClashIsListed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var preview = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda), Customer);
        Assert.All(preview.Occurrences, o => Assert.True(o.Available));
        var raced = preview.Occurrences[2].Start;
        await BookOneAsync(db, agenda, raced, OtherCustomer);

        var outcome = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly,
            [.. preview.Occurrences.Select(o => o.Start)]), Customer);

        var clashed = Assert.IsType<SeriesOutcome.Clashed>(outcome);
        var clash = Assert.Single(clashed.Clashes);
        Assert.Equal(raced, clash.Start);
        Assert.Equal("slot.taken", clash.Error.Code);
        await using var read = db.NewContext();
        Assert.Equal(0, await read.BookingSeries.CountAsync());
        Assert.Equal(0, await read.Bookings.CountAsync(b => b.SeriesId != null));
        Assert.Equal(1, await read.Bookings.CountAsync());
        Assert.Equal(1, await read.Outbox.CountAsync(o => o.Type == OutboxEventType.BookingCreated));
    }

    [Fact]
    public async Task Book_TwoChosenStartsOverlappingEachOther_AreRefusedAsOneDatePerOccurrence()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var sameDay = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Daily,
            [TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(10, 15)]), Customer);
        var offPattern = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly,
            [TestAgenda.TuesdayAt(10), At(TestAgenda.Tuesday.PlusDays(8), 10)]), Customer);
        var none = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, []), Customer);

        Assert.Equal("series.same_date", Assert.IsType<SeriesOutcome.Rejected>(sameDay).Error.Code);
        Assert.Equal("series.not_in_pattern", Assert.IsType<SeriesOutcome.Rejected>(offPattern).Error.Code);
        Assert.Equal("series.count", Assert.IsType<SeriesOutcome.Rejected>(none).Error.Code);
        await using var read = db.NewContext();
        Assert.Equal(0, await read.Bookings.CountAsync());
    }

    [Fact]
    public async Task Book_MonthlyOnTheLastTuesday_WithTheFirstSkipped_KeepsThePatternWhenItsStartIsGiven()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        // 2026-12-29 is December's 5th Tuesday: the series is "the last Tuesday" (January 26, February 23, March 30).
        var first = At(new LocalDate(2026, 12, 29), 10);
        var preview = await PreviewAsync(db, new SeriesRequest(agenda.Barber.Id, agenda.Haircut.Id, first, SeriesFrequency.Monthly, 4, null), Customer);
        Assert.Equal([new LocalDate(2026, 12, 29), new LocalDate(2027, 1, 26), new LocalDate(2027, 2, 23), new LocalDate(2027, 3, 30)],
            preview.Occurrences.Select(o => o.Start.InZone(TestAgenda.BuenosAires).Date));
        Instant[] chosen = [.. preview.Occurrences.Skip(1).Select(o => o.Start)];

        // Anchored at January 26 alone, the pattern would be "the 4th Tuesday" and March 30 would not belong to it.
        var unanchored = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Monthly, chosen), Customer);
        var anchored = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Monthly, chosen, PatternStart: first), Customer);

        Assert.Equal("series.not_in_pattern", Assert.IsType<SeriesOutcome.Rejected>(unanchored).Error.Code);
        var done = Assert.IsType<SeriesOutcome.Succeeded>(anchored);
        Assert.Equal([1, 2, 3], done.Bookings.Select(b => b.SeriesIndex!.Value));
        Assert.Equal(new LocalDateTime(2026, 12, 29, 10, 0), done.Series.FirstStart);
        Assert.Equal(4, done.Series.PatternCount);
    }

    [Fact]
    public async Task Book_ByStaff_ForAShopCustomer_IsConfirmed_AnotherBarberGetsNothing_AndAStrangerIsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var starts = (await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda, 2), Barber)).Occurrences.Select(o => o.Start).ToList();
        await using (var ctx = db.NewContext())
        {
            var extraId = await ctx.Customers.Where(c => c.UserId == TestAgenda.ExtraCustomerUserId(0)).Select(c => c.Id).SingleAsync();
            var stranger = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts, null, extraId), Barber);
            Assert.Equal("booking.customer_unknown", Assert.IsType<SeriesOutcome.Rejected>(stranger).Error.Code);
        }

        var notTheirs = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts, null, agenda.Customer.Id), OtherBarber);
        var preview = await Series(db).PreviewAsync(WeeklyFromTuesdayAt10(agenda, 2), OtherBarber);
        var booked = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts, null, agenda.Customer.Id), Barber);

        Assert.IsType<SeriesOutcome.NotFound>(notTheirs);
        Assert.True(preview.IsNotFound);
        var done = Assert.IsType<SeriesOutcome.Succeeded>(booked);
        Assert.All(done.Bookings, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        Assert.Equal(agenda.Customer.Id, done.Series.CustomerId);
        Assert.Equal(TestAgenda.BarberUserId, done.Series.CreatedByUserId);
    }

    [Fact]
    public async Task Preview_BeyondTheSeriesHorizon_IsCut_AndTheShopSettingWidensIt()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var sixMonths = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda, 52), Customer);
        await using (var ctx = db.NewContext())
        {
            var shop = await ctx.Shops.SingleAsync(s => s.Id == agenda.Shop.Id);
            shop.ChangePolicy(shop.Policy with { SeriesHorizonMonths = 12 });
            await ctx.SaveChangesAsync();
        }
        var twelveMonths = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda, 52), Customer);

        // Today is 2026-12-07: six months reach 2027-06-07, the last Tuesday before it is 2027-06-01 (26 Tuesdays).
        Assert.True(sixMonths.CutAtHorizon);
        Assert.Equal(26, sixMonths.Occurrences.Count);
        // The engine's own 60-day horizon does not refuse the later ones: the series horizon applies.
        Assert.All(sixMonths.Occurrences, o => Assert.True(o.Available, o.Error?.ToString()));
        Assert.Equal(52, twelveMonths.Occurrences.Count);
        Assert.False(twelveMonths.CutAtHorizon);
        var tooMany = await Series(db).PreviewAsync(WeeklyFromTuesdayAt10(agenda, 53), Customer);
        Assert.Equal("series.count", tooMany.Error?.Code);
    }

    [Fact]
    public async Task Weekly_AcrossTheDstChangeInSantiago_KeepsTenOClockLocal()
    {
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];
        // Monday 2027-03-15 09:00 in Santiago; the clocks go back on the night of Saturday 2027-04-03.
        await using var db = await SqliteTestDatabase.CreateAsync(new LocalDateTime(2027, 3, 15, 9, 0).InZoneStrictly(santiago).ToInstant());
        var agenda = await TestAgenda.SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            var shop = await ctx.Shops.SingleAsync(s => s.Id == agenda.Shop.Id);
            shop.ChangeTimeZone("America/Santiago");
            await ctx.SaveChangesAsync();
        }
        var first = new LocalDateTime(2027, 3, 23, 10, 0).InZoneStrictly(santiago).ToInstant();

        var preview = await PreviewAsync(db, new SeriesRequest(agenda.Barber.Id, agenda.Haircut.Id, first, SeriesFrequency.Weekly, 4, null), Customer);
        var outcome = await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly,
            [.. preview.Occurrences.Select(o => o.Start)]), Customer);

        var done = Assert.IsType<SeriesOutcome.Succeeded>(outcome);
        var zoned = done.Bookings.Select(b => b.Start.InZone(santiago)).ToList();
        Assert.All(zoned, z => Assert.Equal(new LocalTime(10, 0), z.TimeOfDay));
        Assert.Equal([Offset.FromHours(-3), Offset.FromHours(-3), Offset.FromHours(-4), Offset.FromHours(-4)], zoned.Select(z => z.Offset));
        Assert.Equal(Duration.FromDays(7) + Duration.FromHours(1), done.Bookings[2].Start - done.Bookings[1].Start);
        Assert.Equal([0, 1, 2, 3], done.Bookings.Select(b => b.SeriesIndex!.Value));
    }

    [Fact]
    public async Task CancelFollowing_AppliesTheWindowPerOccurrence_AndNothingIsCancelledWhenTheAskedOneIsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var preview = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda), Customer);
        var bookings = Assert.IsType<SeriesOutcome.Succeeded>(await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id,
            SeriesFrequency.Weekly, [.. preview.Occurrences.Select(o => o.Start)]), Customer)).Bookings;
        // Two hours later the first occurrence (Tuesday 10:00) is 23 h away: inside the 24 h window for the customer.
        db.Clock.AdvanceHours(2);

        var refused = await Series(db).CancelFollowingAsync(bookings[0].Id, Customer, "Me mudo");
        var stranger = await Series(db).CancelFollowingAsync(bookings[1].Id, OtherCustomer, null);
        Assert.Equal("booking.cancellation_window", Assert.IsType<SeriesOutcome.Rejected>(refused).Error.Code);
        Assert.IsType<SeriesOutcome.NotFound>(stranger);
        await using (var read = db.NewContext())
            Assert.Equal(4, await read.Bookings.CountAsync(b => b.Status == BookingStatus.Pending));

        // The fourth was already cancelled on its own; "this and the following" from the second cancels the second and third.
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(bookings[3].Id, BookingAction.Cancel, Customer));
        var cancelled = Assert.IsType<SeriesOutcome.Cancelled>(await Series(db).CancelFollowingAsync(bookings[1].Id, Customer, "Me mudo"));

        Assert.Equal([bookings[1].Id, bookings[2].Id], cancelled.Bookings.Select(b => b.Id));
        await using var after = db.NewContext();
        var statuses = await after.Bookings.OrderBy(b => b.Start).Select(b => new { b.Status, b.CancellationReason }).ToListAsync();
        Assert.Equal([BookingStatus.Pending, BookingStatus.Cancelled, BookingStatus.Cancelled, BookingStatus.Cancelled], statuses.Select(s => s.Status));
        Assert.Equal("Me mudo", statuses[1].CancellationReason);
        Assert.Equal("Me mudo", statuses[2].CancellationReason);
        Assert.Equal(3, await after.Outbox.CountAsync(o => o.Type == OutboxEventType.BookingCancelled));
        Assert.Equal(2, await after.BookingHistory.CountAsync(h => h.Action == BookingAction.Cancel && h.Reason == "Me mudo"));
    }

    [Fact]
    public async Task CancelFollowing_ByStaffInsideTheWindow_CancelsEveryLaterOccurrence()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var preview = await PreviewAsync(db, WeeklyFromTuesdayAt10(agenda, 3), Customer);
        var bookings = Assert.IsType<SeriesOutcome.Succeeded>(await Series(db).BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id,
            SeriesFrequency.Weekly, [.. preview.Occurrences.Select(o => o.Start)]), Customer)).Bookings;
        db.Clock.AdvanceHours(2);

        var cancelled = Assert.IsType<SeriesOutcome.Cancelled>(await Series(db).CancelFollowingAsync(bookings[0].Id, Barber, "Cierra el local"));

        Assert.Equal(3, cancelled.Bookings.Count);
        await using var read = db.NewContext();
        Assert.Equal(3, await read.Bookings.CountAsync(b => b.Status == BookingStatus.Cancelled));
    }
}
