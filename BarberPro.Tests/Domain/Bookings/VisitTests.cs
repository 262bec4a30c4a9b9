using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// Issue 16: several services in one visit ("color + corte"), booked as one booking whose services follow one another
/// with one provider, through the same write pipeline and conflict rule. Over a real SQLite file; the test shop's Color
/// is 60 minutes with 10 minutes of preparation before, its Corte 30 minutes with 5 of cleanup after.
/// </summary>
public sealed class VisitTests
{
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);

    [Fact]
    public async Task AVisit_IsOneBooking_ItsPartsBackToBack_TheFirstsPreparationAndTheLastsCleanup_AndTheSumOfPrices()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var start = TestAgenda.TuesdayAt(10);

        var booking = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(
            NewBooking.ForVisit(agenda.Barber.Id, [agenda.Color.Id, agenda.Haircut.Id], start), Customer)).Booking;

        Assert.Equal(start + Duration.FromMinutes(90), booking.End);
        Assert.Equal(start - Duration.FromMinutes(10), booking.BlockedStart);
        Assert.Equal(booking.End + Duration.FromMinutes(5), booking.BlockedEnd);
        Assert.Equal(42_000m, booking.Price);
        await using var ctx = db.NewContext();
        var stored = await ctx.Bookings.Include(b => b.Parts).SingleAsync();
        Assert.Equal(agenda.Color.Id, stored.OfferingId);
        Assert.Equal([agenda.Color.Id, agenda.Haircut.Id], stored.OfferingIds);
        Assert.Equal(["Color", "Corte"], stored.Parts.OrderBy(p => p.Position).Select(p => p.Name));
        Assert.Equal([30_000m, 12_000m], stored.Parts.OrderBy(p => p.Position).Select(p => p.Price));
        Assert.Equal(1, await ctx.Outbox.CountAsync());
    }

    [Fact]
    public async Task Slots_OfAVisit_FitTheWholeVisit_WhileOneServiceAloneStillFitsWhereTheVisitDoesNot()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        // Someone at 11:00: a corte alone fits at 10:00 (10:00–10:35), corte + color (10:00–11:30) does not.
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)),
            Actor.Customer(TestAgenda.OtherCustomerUserId)));

        var single = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!;
        var visit = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Color.Id], TestAgenda.Tuesday))!;

        Assert.Contains(TestAgenda.TuesdayAt(10), single.Starts);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(10), visit.Starts);
        Assert.Contains(TestAgenda.TuesdayAt(9), visit.Starts);
        Assert.Equal(Duration.FromMinutes(90), visit.Duration);
        // The last start of the morning ends the visit as the 11:00 booking begins; the day's last leaves all 90 minutes before 20:00.
        Assert.Equal(TestAgenda.TuesdayAt(9, 30), visit.Starts.Where(s => s < TestAgenda.TuesdayAt(13)).Max());
        Assert.Equal(TestAgenda.TuesdayAt(18, 30), visit.Starts.Max());
        // "Cualquiera": the other barber is free at 10:00 for the whole visit.
        var any = await db.Availability.GetAnySlotsAsync(agenda.Shop.Id, [agenda.Haircut.Id, agenda.Color.Id], TestAgenda.Tuesday);
        Assert.Equal([agenda.OtherBarber.Id], any.Single(s => s.Start == TestAgenda.TuesdayAt(10)).FreeProviderIds);
    }

    [Fact]
    public async Task AConflictOnTheSecondService_BooksNothing_AndOffersStartsWhereTheWholeVisitFits()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)),
            Actor.Customer(TestAgenda.OtherCustomerUserId)));

        var outcome = await db.Bookings.BookAsync(NewBooking.ForVisit(agenda.Barber.Id, [agenda.Color.Id, agenda.Haircut.Id], TestAgenda.TuesdayAt(10)), Customer);

        var conflict = Assert.IsType<BookingOutcome.Conflict>(outcome);
        Assert.NotEmpty(conflict.Alternatives);
        var visit = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Color.Id, agenda.Haircut.Id], TestAgenda.Tuesday))!;
        Assert.All(conflict.Alternatives.Where(a => a.InZone(TestAgenda.BuenosAires).Date == TestAgenda.Tuesday), a => Assert.Contains(a, visit.Starts));
        await using var ctx = db.NewContext();
        Assert.Equal(1, await ctx.Bookings.CountAsync());
        Assert.Equal(0, await ctx.BookingParts.CountAsync());
    }

    [Fact]
    public async Task AServiceTheBarberDoesNotDo_MakesTheVisitUnknownToHim()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        Guid eyebrows;
        await using (var ctx = db.NewContext())
        {
            var offering = new Offering(agenda.Shop.Id, "Cejas", Duration.FromMinutes(15), 4_000m);
            ctx.Offerings.Add(offering);
            await ctx.SaveChangesAsync();
            eyebrows = offering.Id;
        }

        Assert.Null(await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Haircut.Id, eyebrows], TestAgenda.Tuesday));
        Assert.Empty(await db.Availability.GetAnySlotsAsync(agenda.Shop.Id, [agenda.Haircut.Id, eyebrows], TestAgenda.Tuesday));
        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.BookAsync(NewBooking.ForVisit(agenda.Barber.Id, [agenda.Haircut.Id, eyebrows], TestAgenda.TuesdayAt(10)), Customer));
    }

    [Fact]
    public async Task TheSameServiceTwice_OrMoreThanFour_IsRefusedWithAReason()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var twice = await db.Bookings.BookAsync(NewBooking.ForVisit(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Haircut.Id], TestAgenda.TuesdayAt(10)), Customer);
        var five = await db.Bookings.BookAsync(NewBooking.ForVisit(agenda.Barber.Id,
            [agenda.Haircut.Id, agenda.Color.Id, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], TestAgenda.TuesdayAt(10)), Customer);

        Assert.Equal("visit.repeated", Assert.IsType<BookingOutcome.Rejected>(twice).Error.Code);
        Assert.Equal("visit.too_many", Assert.IsType<BookingOutcome.Rejected>(five).Error.Code);
        Assert.Null(await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Haircut.Id], TestAgenda.Tuesday));
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.Bookings.CountAsync());
    }

    [Fact]
    public async Task CancellingTheVisit_FreesAllOfIt_AndMovingItMovesAllOfIt()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var visit = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(
            NewBooking.ForVisit(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Color.Id], TestAgenda.TuesdayAt(9)), Customer)).Booking;

        var moved = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(visit.Id, TestAgenda.TuesdayAt(15), Barber)).Booking;
        Assert.Equal(TestAgenda.TuesdayAt(16, 30), moved.End);
        Assert.Equal(2, moved.Parts.Count);
        // Its old morning is free again for another whole visit; its afternoon is not.
        var slots = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Color.Id], TestAgenda.Tuesday))!.Starts;
        Assert.Contains(TestAgenda.TuesdayAt(9), slots);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(16), slots);

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(visit.Id, BookingAction.Cancel, Customer));
        slots = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, [agenda.Haircut.Id, agenda.Color.Id], TestAgenda.Tuesday))!.Starts;
        Assert.Contains(TestAgenda.TuesdayAt(15), slots);
        await using var ctx = db.NewContext();
        Assert.Equal(BookingStatus.Cancelled, (await ctx.Bookings.SingleAsync()).Status);
    }
}
