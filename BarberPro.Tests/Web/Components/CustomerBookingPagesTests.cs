using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Home;
using BarberPro.Web.Features.MyBookings;
using Bunit;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The customer's booking page and home, over a real SQLite file: they offer what the lifecycle allows now,
/// a way to reach the shop when it allows nothing, and "Reservar de nuevo" for past bookings.
/// </summary>
public sealed class CustomerBookingPagesTests : BunitDatabaseTestBase
{
    private static readonly Instant MondayNight = TestAgenda.Local(new LocalDateTime(2026, 12, 7, 22, 0));

    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public CustomerBookingPagesTests() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    protected override Task ChangeSeedAsync(BarberProDbContext db)
    {
        db.Shops.Single().ChangeContact("Gorriti 4800, Palermo", "+54 9 11 4833-2211");
        return Task.CompletedTask;
    }

    protected override void Initialized() => _dialogs = Render<MudDialogProvider>();

    private async Task<Guid> BookAsync(Instant start, Guid? offeringId = null, Guid? providerId = null)
    {
        var outcome = await Db.Bookings.BookAsync(new NewBooking(providerId ?? Agenda.Barber.Id, offeringId ?? Agenda.Haircut.Id, start),
            Actor.Customer(TestAgenda.CustomerUserId));
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
    }

    private IRenderedComponent<BookingDetails> RenderDetails(Guid id)
    {
        var page = Render<BookingDetails>(p => p.Add(d => d.Id, id));
        page.WaitForElement("#booking-status");
        return page;
    }

    [Fact]
    public async Task BookedInsideTheWindow_OffersNoCancelOrReschedule_ButTheShopsPhoneAndWhatsApp()
    {
        Db.Clock.Reset(MondayNight);
        var id = await BookAsync(TestAgenda.TuesdayAt(10));

        var page = RenderDetails(id);

        Assert.Empty(page.FindAll("#cancel"));
        Assert.Empty(page.FindAll("#reschedule"));
        Assert.Contains("24 h antes", page.Find("#window-closed").TextContent);
        Assert.Contains("Comunicate con el local", page.Find("#contact-shop").TextContent);
        Assert.Equal("tel:+5491148332211", page.Find("#call-shop").GetAttribute("href"));
        Assert.Equal("https://wa.me/5491148332211", page.Find("#whatsapp-shop").GetAttribute("href"));
    }

    [Fact]
    public async Task BeforeTheDeadline_OffersCancelAndReschedule_AndSaysUntilWhen()
    {
        var id = await BookAsync(TestAgenda.TuesdayAt(10));   // booked on Monday at 09:00

        var page = RenderDetails(id);

        Assert.NotEmpty(page.FindAll("#cancel"));
        Assert.NotEmpty(page.FindAll("#reschedule"));
        Assert.Contains("lun 7 dic, 10:00", page.Find("#change-until").TextContent);
        Assert.Empty(page.FindAll("#window-closed"));
        Assert.Empty(page.FindAll("#contact-shop"));
    }

    [Fact]
    public async Task DeadlinePassesWhileThePageIsOpen_RescheduleRefusesAtOnce_WithoutOpeningTheCalendar()
    {
        Db.Clock.Reset(TestAgenda.Local(new LocalDateTime(2026, 12, 7, 9, 59)));
        var id = await BookAsync(TestAgenda.TuesdayAt(10));
        var page = RenderDetails(id);

        Db.Clock.Reset(TestAgenda.Local(new LocalDateTime(2026, 12, 7, 10, 1)));
        page.Find("#reschedule").Click();

        page.WaitForAssertion(() => Assert.Contains("Ya no podés reprogramar este turno", page.Find("#change-error").TextContent));
        Assert.Empty(_dialogs.FindAll(".day"));
    }

    [Fact]
    public async Task Home_UpcomingBookingsOpenTheirPage_PastOnesOfferBookingAgain()
    {
        var past = await BookAsync(TestAgenda.TuesdayAt(10));
        var upcoming = await BookAsync(TestAgenda.Local(new LocalDateTime(2026, 12, 9, 10, 0)), Agenda.Color.Id, Agenda.OtherBarber.Id);
        Db.Clock.Reset(TestAgenda.TuesdayAt(12));

        var home = Render<Dashboard>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll($"a[href='/mis-turnos/{upcoming}']")));
        Assert.Empty(home.FindAll($"a[href='/mis-turnos/{past}']"));
        var again = Assert.Single(home.FindAll("#book-again a.book-again"));
        Assert.Equal($"/local/test-barber/reservar?servicio={Agenda.Haircut.Id}&profesional={Agenda.Barber.Id}", again.GetAttribute("href"));
        Assert.Contains("Reservar de nuevo", again.TextContent);
    }

    [Fact]
    public void MyBookings_PastCard_OffersBookingAgain_UpcomingCardDoesNot()
    {
        var line = new MyBookingsQueries.Line(Guid.NewGuid(), Agenda.Shop.Id, Agenda.Barber.Id, Agenda.Haircut.Id, "Test Barber", "test-barber", null, null,
            TestAgenda.BuenosAires, TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(10, 30), "Corte", "Barbero Uno", BookingStatus.Completed, 12000m,
            Duration.FromHours(24), null);

        var past = Render<BookingCard>(p => p.Add(c => c.Line, line).Add(c => c.Now, TestAgenda.TuesdayAt(12)));
        var upcoming = Render<BookingCard>(p => p.Add(c => c.Line, line).Add(c => c.Now, TestAgenda.TuesdayAt(9)));

        Assert.Equal($"/local/test-barber/reservar?servicio={Agenda.Haircut.Id}&profesional={Agenda.Barber.Id}", past.Find("a.book-again").GetAttribute("href"));
        Assert.Empty(upcoming.FindAll("a.book-again"));
    }
}
