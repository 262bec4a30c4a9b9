using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Home;
using BarberPro.Web.Features.MyBookings;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The customer's booking page and home, over a real SQLite file: they offer what the lifecycle allows now,
/// a way to reach the shop when it allows nothing, and "Reservar de nuevo" for past bookings.
/// </summary>
public sealed class CustomerBookingPagesTests : BunitTestBase, IAsyncLifetime
{
    private static readonly Instant MondayNight = TestAgenda.Local(new LocalDateTime(2026, 12, 7, 22, 0));

    private SqliteTestDatabase _db = null!;
    private TestAgenda _agenda = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _agenda = await TestAgenda.SeedAsync(_db);
        await using (var db = _db.NewContext())
        {
            var shop = db.Shops.Single();
            shop.ChangeContact("Gorriti 4800, Palermo", "+54 9 11 4833-2211");
            await db.SaveChangesAsync();
        }
        _db.AddDomainTo(Services);
        var queries = new BookingQueries(_db.DbFactory);
        Services.AddSingleton(new MyBookingsQueries(queries, _db.Bookings, _db.Clock));
        Services.AddSingleton(new DashboardQueries(_db.DbFactory, queries, _db.Clock));
        Services.AddScoped<CurrentUser>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Cliente Uno");
        auth.SetRoles(Roles.Customer);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, TestAgenda.CustomerUserId));
        _dialogs = Render<MudDialogProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<Guid> BookAsync(Instant start, Guid? offeringId = null, Guid? providerId = null)
    {
        var outcome = await _db.Bookings.BookAsync(new NewBooking(providerId ?? _agenda.Barber.Id, offeringId ?? _agenda.Haircut.Id, start),
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
        _db.Clock.Reset(MondayNight);
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
        _db.Clock.Reset(TestAgenda.Local(new LocalDateTime(2026, 12, 7, 9, 59)));
        var id = await BookAsync(TestAgenda.TuesdayAt(10));
        var page = RenderDetails(id);

        _db.Clock.Reset(TestAgenda.Local(new LocalDateTime(2026, 12, 7, 10, 1)));
        page.Find("#reschedule").Click();

        page.WaitForAssertion(() => Assert.Contains("Ya no podés reprogramar este turno", page.Find("#change-error").TextContent));
        Assert.Empty(_dialogs.FindAll(".day"));
    }

    [Fact]
    public async Task Home_UpcomingBookingsOpenTheirPage_PastOnesOfferBookingAgain()
    {
        var past = await BookAsync(TestAgenda.TuesdayAt(10));
        var upcoming = await BookAsync(TestAgenda.Local(new LocalDateTime(2026, 12, 9, 10, 0)), _agenda.Color.Id, _agenda.OtherBarber.Id);
        _db.Clock.Reset(TestAgenda.TuesdayAt(12));

        var home = Render<Dashboard>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll($"a[href='/mis-turnos/{upcoming}']")));
        Assert.Empty(home.FindAll($"a[href='/mis-turnos/{past}']"));
        var again = Assert.Single(home.FindAll("#book-again a.book-again"));
        Assert.Equal($"/local/test-barber/reservar?servicio={_agenda.Haircut.Id}&profesional={_agenda.Barber.Id}", again.GetAttribute("href"));
        Assert.Contains("Reservar de nuevo", again.TextContent);
    }

    [Fact]
    public void MyBookings_PastCard_OffersBookingAgain_UpcomingCardDoesNot()
    {
        var line = new MyBookingsQueries.Line(Guid.NewGuid(), _agenda.Shop.Id, _agenda.Barber.Id, _agenda.Haircut.Id, "Test Barber", "test-barber", null, null,
            TestAgenda.BuenosAires, TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(10, 30), "Corte", "Barbero Uno", BookingStatus.Completed, 12000m,
            Duration.FromHours(24), null);

        var past = Render<BookingCard>(p => p.Add(c => c.Line, line).Add(c => c.Now, TestAgenda.TuesdayAt(12)));
        var upcoming = Render<BookingCard>(p => p.Add(c => c.Line, line).Add(c => c.Now, TestAgenda.TuesdayAt(9)));

        Assert.Equal($"/local/test-barber/reservar?servicio={_agenda.Haircut.Id}&profesional={_agenda.Barber.Id}", past.Find("a.book-again").GetAttribute("href"));
        Assert.Empty(upcoming.FindAll("a.book-again"));
    }
}
