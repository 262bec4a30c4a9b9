using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Series;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Customers;

/// <summary>
/// A shop that requires patient details (a medical office by default) books a customer only with a valid DNI and a
/// health insurance, given with the booking or on record; refused requests book nothing. Over a real SQLite file.
/// </summary>
public sealed class PatientDetailsTests
{
    private static readonly Actor Patient = Actor.Customer(TestPractice.PatientUserId);

    private static async Task<(SqliteTestDatabase Db, TestPractice Practice)> PracticeAsync(Vertical vertical = Vertical.Doctor, bool? requires = null)
    {
        var db = await SqliteTestDatabase.CreateAsync();
        await using var context = db.NewContext();
        return (db, await TestPractice.SeedAsync(context, vertical, requires));
    }

    private static NewBooking At(TestPractice practice, int hour, PatientDetails? patient = null, Guid? customerId = null) =>
        new(practice.Professional.Id, practice.Service.Id, TestAgenda.TuesdayAt(hour), null, customerId, patient);

    private static async Task<ShopCustomer?> RecordAsync(TestDatabase db, TestPractice practice)
    {
        await using var check = db.NewContext();
        return await check.ShopCustomers.SingleOrDefaultAsync(l => l.ShopId == practice.Shop.Id && l.CustomerId == practice.Patient.Id);
    }

    private static async Task<int> BookingsAsync(TestDatabase db)
    {
        await using var check = db.NewContext();
        return await check.Bookings.CountAsync();
    }

    [Fact]
    public void ADoctorsOffice_RequiresThemByDefault_APsychologistsPractice_DoesNot()
    {
        Assert.True(VerticalProfile.For(Vertical.Doctor).DefaultPolicy.RequiresPatientDetails);
        Assert.False(VerticalProfile.For(Vertical.Psychologist).DefaultPolicy.RequiresPatientDetails);
        Assert.False(VerticalProfile.For(Vertical.Barber).DefaultPolicy.RequiresPatientDetails);
    }

    [Fact]
    public async Task Customer_WithoutDetails_IsRefused_AndNothingIsBookedOrLinked()
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;

        var outcome = await db.Bookings.BookAsync(At(practice, 10), Patient);
        var blank = await db.Bookings.BookAsync(At(practice, 10, new PatientDetails(" ", "")), Patient);

        Assert.Equal("patient.details_required", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Contains("DNI", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Message);
        Assert.Equal("patient.details_required", Assert.IsType<BookingOutcome.Rejected>(blank).Error.Code);
        Assert.Equal(0, await BookingsAsync(db));
        Assert.Null(await RecordAsync(db, practice));
    }

    [Theory]
    [InlineData("30.12A.456", "OSDE", "patient.national_id", "NationalId")]
    [InlineData("123456", "OSDE", "patient.national_id", "NationalId")]
    [InlineData("", "OSDE", "patient.national_id", "NationalId")]
    [InlineData("30.123.456", "", "patient.health_insurance", "HealthInsurance")]
    [InlineData("30.123.456", "x", "patient.health_insurance", "HealthInsurance")]
    public async Task Customer_WithBadDetails_IsRefusedByField_AndNothingIsKept(string dni, string insurance, string code, string field)
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;

        var outcome = await db.Bookings.BookAsync(At(practice, 10, new PatientDetails(dni, insurance)), Patient);

        var error = Assert.IsType<BookingOutcome.Rejected>(outcome).Error;
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Equal(0, await BookingsAsync(db));
        Assert.Null(await RecordAsync(db, practice));
    }

    [Fact]
    public async Task Customer_WithValidDetails_Books_AndTheShopKeepsThem_ForTheNextBooking()
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;

        var first = await db.Bookings.BookAsync(At(practice, 10, new PatientDetails("30.123.456", "  OSDE 210 ")), Patient);
        var second = await db.Bookings.BookAsync(At(practice, 11), Patient);

        Assert.IsType<BookingOutcome.Succeeded>(first);
        Assert.IsType<BookingOutcome.Succeeded>(second);
        var record = await RecordAsync(db, practice);
        Assert.Equal("30123456", record!.NationalId);
        Assert.Equal("OSDE 210", record.HealthInsurance);
        var directory = db.Services.GetRequiredService<PatientDirectory>();
        Assert.Equal(new PatientDetails("30.123.456", "OSDE 210"), await directory.MineAsync(practice.Shop.Id, Patient));
    }

    [Fact]
    public async Task NewDetails_ReplaceTheOnesOnRecord()
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;
        await db.Bookings.BookAsync(At(practice, 10, new PatientDetails("30.123.456", "OSDE")), Patient);

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(At(practice, 11, new PatientDetails("7123456", "Particular")), Patient));

        var record = await RecordAsync(db, practice);
        Assert.Equal(("7123456", "Particular"), (record!.NationalId, record.HealthInsurance));
    }

    [Fact]
    public async Task AShopThatDoesNotAsk_BooksWithout_AndKeepsNothingGiven()
    {
        var (db, practice) = await PracticeAsync(Vertical.Psychologist);
        await using var owned = db;

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(At(practice, 10), Patient));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(At(practice, 11, new PatientDetails("30.123.456", "OSDE")), Patient));

        Assert.Null((await RecordAsync(db, practice))!.NationalId);
    }

    [Fact]
    public async Task TheOwnerTurnsItOn_ForAPsychologistsPractice_ThenCustomersAreAsked()
    {
        var (db, practice) = await PracticeAsync(Vertical.Psychologist);
        await using var owned = db;
        var settings = db.Services.GetRequiredService<ShopSettingsService>();
        var shop = practice.Shop;
        var changed = await settings.UpdateAsync(shop.Id, new ShopSettings(shop.Name, shop.TimeZoneId, shop.Address, shop.Phone,
            shop.Policy with { RequiresPatientDetails = true }), Actor.Owner(TestPractice.OwnerUserId));
        Assert.True(changed.Succeeded, changed.Error?.Message);

        var outcome = await db.Bookings.BookAsync(At(practice, 10), Patient);

        Assert.Equal("patient.details_required", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
    }

    [Fact]
    public async Task Staff_BookingAWalkIn_AreNotForced_ButMayRecordThem_AndSeeThemOnTheBooking()
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;
        await using (var context = db.NewContext())
        {
            context.Attach(practice.Patient);
            await ShopCustomers.LinkAsync(context, practice.Shop.Id, practice.Patient, db.Clock.GetCurrentInstant());
            await context.SaveChangesAsync();
        }
        var doctor = Actor.Provider(TestPractice.ProfessionalUserId);

        var without = await db.Bookings.BookAsync(At(practice, 10, customerId: practice.Patient.Id), doctor);
        var bad = await db.Bookings.BookAsync(At(practice, 11, new PatientDetails("12", "OSDE"), practice.Patient.Id), doctor);
        var with = await db.Bookings.BookAsync(At(practice, 11, new PatientDetails("30123456", "Swiss Medical"), practice.Patient.Id), doctor);

        Assert.IsType<BookingOutcome.Succeeded>(without);
        Assert.Equal("patient.national_id", Assert.IsType<BookingOutcome.Rejected>(bad).Error.Code);
        var booking = Assert.IsType<BookingOutcome.Succeeded>(with).Booking;
        var directory = db.Services.GetRequiredService<PatientDirectory>();
        var expected = new PatientDetails("30.123.456", "Swiss Medical");
        Assert.Equal(expected, await directory.OfBookingAsync(booking.Id, doctor));
        Assert.Equal(expected, await directory.OfBookingAsync(booking.Id, Actor.Owner(TestPractice.OwnerUserId)));
        Assert.Equal(expected, await directory.OfBookingAsync(booking.Id, Actor.Admin("any-admin")));
        Assert.Equal(expected, await directory.OfBookingAsync(booking.Id, Actor.Provider(TestPractice.OtherProfessionalUserId)));
        Assert.Null(await directory.OfBookingAsync(booking.Id, Patient));
        Assert.Null(await directory.OfBookingAsync(booking.Id, Actor.Owner("owner-of-another-shop")));
        Assert.Null(await directory.OfBookingAsync(booking.Id, Actor.Provider("provider-of-another-shop")));
        Assert.Null(await directory.MineAsync(practice.Shop.Id, doctor));
    }

    [Fact]
    public async Task ASeries_IsRefusedWithoutDetails_AndBooksWithThem()
    {
        var (db, practice) = await PracticeAsync();
        await using var owned = db;
        var series = db.Services.GetRequiredService<SeriesService>();
        IReadOnlyList<Instant> starts = [TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(10) + Duration.FromDays(7)];

        var refused = await series.BookAsync(new NewSeries(practice.Professional.Id, practice.Service.Id, SeriesFrequency.Weekly, starts), Patient);
        Assert.Equal("patient.details_required", Assert.IsType<SeriesOutcome.Rejected>(refused).Error.Code);
        Assert.Equal(0, await BookingsAsync(db));

        var booked = await series.BookAsync(new NewSeries(practice.Professional.Id, practice.Service.Id, SeriesFrequency.Weekly, starts,
            Patient: new PatientDetails("30.123.456", "IOMA")), Patient);
        Assert.Equal(2, Assert.IsType<SeriesOutcome.Succeeded>(booked).Bookings.Count);
        Assert.Equal("IOMA", (await RecordAsync(db, practice))!.HealthInsurance);
    }
}
