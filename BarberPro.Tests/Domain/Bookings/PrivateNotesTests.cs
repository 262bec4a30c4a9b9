using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// The one rule of who reads a booking's private note (<see cref="PrivateNotes"/>), over a real SQLite file: in a
/// psychologist's practice or a medical office the booking's professional only; in a barber shop the barber and whoever
/// runs the shop. Anyone else is answered "not found" and changes nothing.
/// </summary>
public sealed class PrivateNotesTests
{
    private const string Note = "Sesión 4: trabajamos la ansiedad antes de los exámenes.";

    private static async Task<(SqliteTestDatabase Db, TestPractice Practice, Guid BookingId)> PracticeWithBookingAsync(Vertical vertical)
    {
        var db = await SqliteTestDatabase.CreateAsync();
        await using var context = db.NewContext();
        var practice = await TestPractice.SeedAsync(context, vertical, requiresPatientDetails: false);
        var outcome = await db.Bookings.BookAsync(new NewBooking(practice.Professional.Id, practice.Service.Id, TestAgenda.TuesdayAt(10)),
            Actor.Customer(TestPractice.PatientUserId));
        return (db, practice, Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id);
    }

    private static PrivateNotes Notes(TestDatabase db) => db.Services.GetRequiredService<PrivateNotes>();

    [Theory]
    [InlineData(Vertical.Psychologist)]
    [InlineData(Vertical.Doctor)]
    public async Task HealthPractice_TheBookingsProfessional_WritesAndReadsTheNote(Vertical vertical)
    {
        var (db, _, bookingId) = await PracticeWithBookingAsync(vertical);
        await using var owned = db;
        var professional = Actor.Provider(TestPractice.ProfessionalUserId);

        var saved = await Notes(db).SaveAsync(bookingId, "  " + Note + " ", professional);
        var read = await Notes(db).GetAsync(bookingId, professional);

        Assert.True(saved.Succeeded, saved.Error?.Message);
        Assert.Equal(Note, read.Value!.Text);
        Assert.True(read.Value.ProfessionalOnly);
        Assert.Equal(db.Clock.GetCurrentInstant(), read.Value.UpdatedAt);
    }

    public static TheoryData<Vertical, string, ActorRole> Outsiders => new()
    {
        { Vertical.Psychologist, TestPractice.OwnerUserId, ActorRole.Owner },
        { Vertical.Psychologist, "any-admin", ActorRole.Admin },
        { Vertical.Psychologist, TestPractice.OtherProfessionalUserId, ActorRole.Provider },
        { Vertical.Psychologist, TestPractice.PatientUserId, ActorRole.Customer },
        // A professional acting as a customer is still not the professional of the booking.
        { Vertical.Psychologist, TestPractice.ProfessionalUserId, ActorRole.Customer },
        { Vertical.Doctor, TestPractice.OwnerUserId, ActorRole.Owner },
        { Vertical.Doctor, "any-admin", ActorRole.Admin },
        { Vertical.Doctor, TestPractice.OtherProfessionalUserId, ActorRole.Provider },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task HealthPractice_AnyoneButTheProfessional_GetsNotFound_AndChangesNothing(Vertical vertical, string userId, ActorRole role)
    {
        var (db, _, bookingId) = await PracticeWithBookingAsync(vertical);
        await using var owned = db;
        Assert.True((await Notes(db).SaveAsync(bookingId, Note, Actor.Provider(TestPractice.ProfessionalUserId))).Succeeded);
        var outsider = new Actor(userId, role);

        var read = await Notes(db).GetAsync(bookingId, outsider);
        var written = await Notes(db).SaveAsync(bookingId, "Lo reescribo yo", outsider);
        var erased = await Notes(db).SaveAsync(bookingId, "", outsider);

        Assert.True(read.IsNotFound);
        Assert.True(written.IsNotFound);
        Assert.True(erased.IsNotFound);
        await using var check = db.NewContext();
        Assert.Equal(Note, (await check.BookingPrivateNotes.SingleAsync(n => n.BookingId == bookingId)).Text);
    }

    [Fact]
    public async Task HealthPractice_TheOwnerWhoIsAlsoTheProfessional_ReadsTheirOwnNotes()
    {
        // A psychologist who runs her own practice: her user is the booking's professional, whichever role she acts in.
        var (db, practice, bookingId) = await PracticeWithBookingAsync(Vertical.Psychologist);
        await using var owned = db;
        Assert.True((await Notes(db).SaveAsync(bookingId, Note, Actor.Owner(TestPractice.ProfessionalUserId))).Succeeded);

        Assert.Equal(Note, (await Notes(db).GetAsync(bookingId, Actor.Provider(TestPractice.ProfessionalUserId))).Value!.Text);
        Assert.True((await Notes(db).GetAsync(bookingId, Actor.Owner(practice.Shop.OwnerUserId!))).IsNotFound);
    }

    [Fact]
    public async Task BarberShop_TheBarberTheOwnerAndAdmins_ShareTheNote_AnotherBarberAndTheCustomerDoNot()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;

        Assert.True((await Notes(db).SaveAsync(booking.Id, "Degradé bajo, no tocar la barba", Actor.Provider(TestAgenda.BarberUserId))).Succeeded);
        var owner = await Notes(db).GetAsync(booking.Id, Actor.Owner(TestAgenda.OwnerUserId));
        Assert.True((await Notes(db).SaveAsync(booking.Id, "Degradé bajo", Actor.Admin("any-admin"))).Succeeded);

        Assert.Equal("Degradé bajo, no tocar la barba", owner.Value!.Text);
        Assert.False(owner.Value.ProfessionalOnly);
        Assert.Equal("Degradé bajo", (await Notes(db).GetAsync(booking.Id, Actor.Provider(TestAgenda.BarberUserId))).Value!.Text);
        Assert.True((await Notes(db).GetAsync(booking.Id, Actor.Provider(TestAgenda.OtherBarberUserId))).IsNotFound);
        Assert.True((await Notes(db).GetAsync(booking.Id, Actor.Customer(TestAgenda.CustomerUserId))).IsNotFound);
        Assert.True((await Notes(db).GetAsync(booking.Id, Actor.Owner("owner-of-another-shop"))).IsNotFound);
    }

    [Fact]
    public async Task TooLong_IsRefused_AndTheNoteStays_BlankDeletesIt_AMissingBookingIsNotFound()
    {
        var (db, _, bookingId) = await PracticeWithBookingAsync(Vertical.Psychologist);
        await using var owned = db;
        var professional = Actor.Provider(TestPractice.ProfessionalUserId);
        await Notes(db).SaveAsync(bookingId, Note, professional);

        var tooLong = await Notes(db).SaveAsync(bookingId, new string('a', BookingPrivateNote.MaxTextLength + 1), professional);
        Assert.Equal("private_note.too_long", tooLong.Error?.Code);
        Assert.Equal(Note, (await Notes(db).GetAsync(bookingId, professional)).Value!.Text);

        var blank = await Notes(db).SaveAsync(bookingId, "   ", professional);
        Assert.Equal("", blank.Value!.Text);
        await using (var check = db.NewContext())
            Assert.False(await check.BookingPrivateNotes.AnyAsync(n => n.BookingId == bookingId));
        Assert.Equal("", (await Notes(db).GetAsync(bookingId, professional)).Value!.Text);

        Assert.True((await Notes(db).GetAsync(Guid.NewGuid(), professional)).IsNotFound);
    }

    [Fact]
    public async Task Messages_ToThePatientOrTheStaff_NeverCarryTheNote()
    {
        var (db, _, bookingId) = await PracticeWithBookingAsync(Vertical.Psychologist);
        await using var owned = db;
        var professional = Actor.Provider(TestPractice.ProfessionalUserId);
        Assert.True((await Notes(db).SaveAsync(bookingId, Note, professional)).Succeeded);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(bookingId, BookingAction.Confirm, professional));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(bookingId, BookingAction.Cancel, professional, "Licencia"));

        var planned = await db.Services.GetRequiredService<BarberPro.Domain.Notifications.NotificationPlanner>().PlanAsync();

        Assert.True(planned > 0);
        await using var check = db.NewContext();
        var bodies = await check.Notifications.Where(n => n.BookingId == bookingId).Select(n => n.Body).ToListAsync();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body => Assert.DoesNotContain("ansiedad", body));
    }
}
