using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Home;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>Issue 16: a visit of several services reads "Color + Corte" on the customer's pages, over a real SQLite file.</summary>
public sealed class VisitCustomerPagesTests : BunitDatabaseTestBase
{
    public VisitCustomerPagesTests() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    protected override void Initialized() => Services.AddSingleton(new ConnectionEvents());

    private async Task<Guid> BookColorAndCorteAsync(Instant start)
    {
        var outcome = await Db.Bookings.BookAsync(NewBooking.ForVisit(Agenda.Barber.Id, [Agenda.Color.Id, Agenda.Haircut.Id], start),
            Actor.Customer(TestAgenda.CustomerUserId));
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
    }

    [Fact]
    public async Task MisTurnos_ShowsTheVisitOnce_ByItsName()
    {
        var id = await BookColorAndCorteAsync(TestAgenda.TuesdayAt(10));

        var page = Render<BarberPro.Web.Features.MyBookings.MyBookings>();

        page.WaitForAssertion(() => Assert.Contains("Color + Corte", page.Find($"[data-booking='{id}']").TextContent));
        Assert.Single(page.FindAll("[data-booking]"));
    }

    [Fact]
    public async Task Home_NamesAnUpcomingVisit_AndBookingAPastOneAgain_TakesTheWholeVisit()
    {
        var past = await BookColorAndCorteAsync(TestAgenda.TuesdayAt(10));
        var upcoming = await BookColorAndCorteAsync(TestAgenda.Local(new LocalDateTime(2026, 12, 9, 10, 0)));
        Db.Clock.Reset(TestAgenda.TuesdayAt(12));

        var home = Render<Dashboard>();

        home.WaitForAssertion(() => Assert.Contains("Color + Corte", home.Find($"a[href='/mis-turnos/{upcoming}']").TextContent));
        Assert.Empty(home.FindAll($"a[href='/mis-turnos/{past}']"));
        var again = Assert.Single(home.FindAll("#book-again a.book-again"));
        Assert.Equal($"/local/test-barber/reservar?servicio={Agenda.Color.Id},{Agenda.Haircut.Id}&profesional={Agenda.Barber.Id}", again.GetAttribute("href"));
    }
}
