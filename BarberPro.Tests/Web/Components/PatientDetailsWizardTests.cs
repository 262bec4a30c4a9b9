using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The wizard's confirm step at a medical office that asks for patient details (bUnit over a real SQLite file): the DNI
/// and health insurance are asked, refused in Spanish when missing or wrong (nothing booked), kept when right, and
/// pre-filled the next time; a barber shop asks for neither.
/// </summary>
public sealed class PatientDetailsWizardTests : BunitDatabaseTestBase
{
    private TestPractice _practice = null!;

    protected override async Task ChangeSeedAsync(BarberProDbContext db) =>
        _practice = await TestPractice.SeedAsync(db, Vertical.Doctor);

    private IRenderedComponent<BookingWizard> ConfirmStep(string slug, Guid serviceId, Guid providerId)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            $"/local/{slug}/reservar?servicio={serviceId}&profesional={providerId}&dia=2026-12-08&hora=10:00");
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, slug));
        wizard.WaitForAssertion(() => Assert.Equal("Confirmar", wizard.Find(".steps li.current").TextContent.Trim()));
        return wizard;
    }

    private IRenderedComponent<BookingWizard> AtTheDoctors()
    {
        SignInAs(Roles.Customer, TestPractice.PatientUserId, "Paciente Uno");
        return ConfirmStep(_practice.Shop.Slug, _practice.Service.Id, _practice.Professional.Id);
    }

    private async Task<int> BookingsAsync()
    {
        await using var db = Db.NewContext();
        return await db.Bookings.CountAsync(b => b.ShopId == _practice.Shop.Id);
    }

    [Fact]
    public async Task ConfirmingWithoutThem_IsRefusedInSpanish_AndBooksNothing()
    {
        var wizard = AtTheDoctors();
        Assert.Empty(wizard.Find("input#patient-dni").GetAttribute("value") ?? "");

        wizard.Find("#confirm-booking").Click();

        wizard.WaitForAssertion(() => Assert.Contains("necesitamos tu DNI y tu obra social", wizard.Find("#booking-error").TextContent));
        Assert.Equal(0, await BookingsAsync());
    }

    [Fact]
    public async Task AWrongDni_IsShownOnItsField_AndBooksNothing()
    {
        var wizard = AtTheDoctors();

        wizard.Find("input#patient-dni").Change("30.12A.456");
        wizard.Find("input#patient-insurance").Change("OSDE");
        wizard.Find("#confirm-booking").Click();

        wizard.WaitForAssertion(() => Assert.Contains("7 u 8 números, por ejemplo 30.123.456", wizard.Markup));
        Assert.Empty(wizard.FindAll("#booking-error"));
        Assert.Equal(0, await BookingsAsync());
    }

    [Fact]
    public async Task WithThem_Books_AndTheOfficeKeepsThem_PreFilledNextTime()
    {
        var wizard = AtTheDoctors();

        wizard.Find("input#patient-dni").Change("30123456");
        wizard.Find("input#patient-insurance").Change("Swiss Medical");
        wizard.Find("#confirm-booking").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        wizard.WaitForAssertion(() => Assert.Contains("/mis-turnos/", navigation.Uri));
        Assert.Equal(1, await BookingsAsync());
        await using (var db = Db.NewContext())
        {
            var record = await db.ShopCustomers.SingleAsync(l => l.ShopId == _practice.Shop.Id && l.CustomerId == _practice.Patient.Id);
            Assert.Equal(("30123456", "Swiss Medical"), (record.NationalId, record.HealthInsurance));
        }

        var again = ConfirmStep(_practice.Shop.Slug, _practice.Service.Id, _practice.Professional.Id);
        Assert.Equal("30.123.456", again.Find("input#patient-dni").GetAttribute("value"));
        Assert.Equal("Swiss Medical", again.Find("input#patient-insurance").GetAttribute("value"));
    }

    [Fact]
    public void ABarberShop_AsksForNeither()
    {
        SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

        var wizard = ConfirmStep("test-barber", Agenda.Haircut.Id, Agenda.Barber.Id);

        Assert.NotEmpty(wizard.FindAll("#confirm-booking"));
        Assert.Empty(wizard.FindAll("input#patient-dni"));
        Assert.Empty(wizard.FindAll("input#patient-insurance"));
    }

    [Theory]
    [InlineData(TestPractice.OwnerUserId, ActorRole.Owner)]
    [InlineData(TestPractice.ProfessionalUserId, ActorRole.Provider)]
    [InlineData("any-admin", ActorRole.Admin)]
    public async Task TheOfficesStaff_SeeTheDniAndInsurance_OnTheBookingDialog(string userId, ActorRole role)
    {
        var outcome = await Db.Bookings.BookAsync(new NewBooking(_practice.Professional.Id, _practice.Service.Id, TestAgenda.TuesdayAt(10),
            Patient: new PatientDetails("30123456", "OSDE 210")), Actor.Customer(TestPractice.PatientUserId));
        var booking = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
        var item = new BarberPro.Web.Features.Agenda.AgendaQueries.Item(booking.Id, BarberPro.Web.Features.Agenda.AgendaQueries.ItemKind.Booking,
            _practice.Professional.Id, new LocalDateTime(2026, 12, 8, 10, 0), new LocalDateTime(2026, 12, 8, 10, 20), booking.Start,
            "Paciente Uno", "Consulta", null, booking.Status, _practice.Service.Id, null);

        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<BarberPro.Web.Features.Agenda.BookingActionsDialog>(p => p
            .Add(d => d.Item, item).Add(d => d.Actor, new Actor(userId, role)).Add(d => d.ShopId, _practice.Shop.Id).Add(d => d.Zone, TestAgenda.BuenosAires));

        dialogs.WaitForAssertion(() => Assert.Equal("DNI 30.123.456 · OSDE 210", dialogs.Find("#patient-details").TextContent.Trim()));
    }

    [Fact]
    public async Task AnotherShopsOwner_SeesNoPatientDetails()
    {
        await Db.Bookings.BookAsync(new NewBooking(_practice.Professional.Id, _practice.Service.Id, TestAgenda.TuesdayAt(10),
            Patient: new PatientDetails("30123456", "OSDE 210")), Actor.Customer(TestPractice.PatientUserId));
        await using var db = Db.NewContext();
        var bookingId = await db.Bookings.Where(b => b.ShopId == _practice.Shop.Id).Select(b => b.Id).SingleAsync();
        var directory = Services.GetRequiredService<PatientDirectory>();

        Assert.Null(await directory.OfBookingAsync(bookingId, Actor.Owner(TestAgenda.OwnerUserId)));
        Assert.Null(await directory.OfBookingAsync(bookingId, Actor.Provider(TestAgenda.BarberUserId)));
        Assert.Null(await directory.OfBookingAsync(bookingId, Actor.Customer(TestPractice.PatientUserId)));
    }
}
