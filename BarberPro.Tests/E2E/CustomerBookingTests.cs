using System.Text.RegularExpressions;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Customers on a 390×844 phone and barbers on a desktop, in Debian's chromium, against the real app on Kestrel.
/// The app's clock is Monday 2026-12-07 09:00 in Buenos Aires; the demo shop works Tuesday to Saturday.
/// </summary>
public sealed class CustomerBookingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Wednesday = new(2026, 12, 9);
    private static readonly LocalDate Thursday = new(2026, 12, 10);

    [Fact]
    public async Task NewCustomer_RegistersInline_Books_SeesItInMisTurnos_BarberSeesItLive_ThenCancelsOutsideTheWindow()
    {
        var barber = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(barber, "barbero1@barberpro.local");
        var agenda = new AgendaPageObject(barber);
        await agenda.OpenAsync(Wednesday);
        var before = await agenda.Bookings.CountAsync();

        var customer = await browser.NewPageAsync();
        await customer.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(customer, "01-landing");
        var wizard = new BookingWizardPage(customer);
        await wizard.OpenAsync();
        await BrowserFixture.ScreenshotAsync(customer, "02-wizard-service");
        await wizard.PickServiceAsync("Corte + barba");
        await BrowserFixture.ScreenshotAsync(customer, "03-wizard-barber");
        await wizard.PickProviderAsync("Diego");
        await Expect(customer.Locator(".day:not([disabled])").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "04-wizard-day");
        await wizard.PickDayAsync(Wednesday);
        await Expect(wizard.Slots.First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "05-wizard-slots");
        var time = (await wizard.Slots.First.InnerTextAsync()).Trim();
        await wizard.PickSlotAsync(time);

        // Not signed in: register inline; the choice survives the round trip.
        await customer.ClickAsync("#register-to-book");
        await customer.FillAsync("#fullName", "Lucía Gómez");
        await customer.FillAsync("#phone", "11 6123-4567");
        await customer.FillAsync("#email", "lucia@example.com");
        await customer.FillAsync("#password", "Turnos-2026");
        await customer.ClickAsync("button[type=submit]");
        await customer.Locator("#confirm-booking").WaitForAsync();
        await customer.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(customer.Locator(".summary")).ToContainTextAsync(time);
        await BrowserFixture.ScreenshotAsync(customer, "06-wizard-confirm");
        await wizard.ConfirmAsync();

        await Expect(customer.Locator("#booking-confirmed")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "07-confirmation");
        var id = Guid.Parse(Regex.Match(customer.Url, "/mis-turnos/([0-9a-f-]{36})").Groups[1].Value);
        await Expect(customer.Locator("#add-to-calendar")).ToHaveAttributeAsync("href", $"/mis-turnos/{id}/calendario.ics");

        // The barber's agenda, open all along in another browser, shows it without a reload.
        await Expect(agenda.Booking(id)).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(agenda.Booking(id)).ToContainTextAsync("Lucía Gómez");
        Assert.Equal(before + 1, await agenda.Bookings.CountAsync());
        await BrowserFixture.ScreenshotAsync(barber, "08-agenda-day");

        await BrowserFixture.GoToInteractiveAsync(customer, "/mis-turnos");
        await Expect(customer.Locator($"[data-booking='{id}']")).ToContainTextAsync("Corte + barba");
        await BrowserFixture.ScreenshotAsync(customer, "09-mis-turnos");

        // More than 24 h ahead: the customer may cancel, and the barber sees it at once.
        await BrowserFixture.GoToInteractiveAsync(customer, $"/mis-turnos/{id}");
        await customer.ClickAsync("#cancel");
        await customer.FillAsync("#cancel-reason", "Me surgió un viaje");
        await customer.ClickAsync("#confirm-cancel");
        await Expect(customer.Locator("#booking-status")).ToHaveTextAsync("Cancelado");
        await Expect(agenda.Booking(id)).ToHaveAttributeAsync("data-status", "Cancelled", new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task TwoCustomers_RaceForTheSameSlot_OneBooks_TheOtherGetsTheMessageAndAlternatives()
    {
        var (offeringId, providerId) = await IdsAsync("Corte", "Fede");
        var slot = await FirstFreeSlotAsync(providerId, offeringId, Thursday);
        var query = $"/local/barberpro-palermo/reservar?servicio={offeringId}&profesional={providerId}&dia={Thursday:yyyy-MM-dd}&hora={slot:HH:mm}";

        var first = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(first, "cliente@barberpro.local");
        var second = await browser.NewPageAsync();
        await RegisterAsync(second, "Tomás Ruiz", "tomas@example.com");
        await BrowserFixture.GoToInteractiveAsync(first, query);
        await BrowserFixture.GoToInteractiveAsync(second, query);

        await Task.WhenAll(first.ClickAsync("#confirm-booking"), second.ClickAsync("#confirm-booking"));

        var winners = 0;
        foreach (var page in new[] { first, second })
        {
            var outcome = page.Locator("#booking-confirmed, #conflict");
            await outcome.First.WaitForAsync();
            if (await page.Locator("#booking-confirmed").IsVisibleAsync())
            {
                winners++;
                continue;
            }
            await Expect(page.Locator("#conflict")).ToContainTextAsync("Ese horario acaba de ocuparse");
            Assert.True(await page.Locator(".alternative").CountAsync() > 0);
            await BrowserFixture.ScreenshotAsync(page, "10-conflict-alternatives");
        }
        Assert.Equal(1, winners);
    }

    [Fact]
    public async Task Language_SpanishByDefault_EnglishSelectable()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Reservá tu turno en segundos");
        // The switch is a full page load (a new circuit in the new language), never an enhanced navigation that a
        // circuit started in Spanish would render over: clicked at once, before the circuit is up, it must still work.
        await Expect(page.Locator("footer a:has-text('English')")).ToHaveAttributeAsync("data-enhance-nav", "false");

        await page.ClickAsync("footer a:has-text('English')");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Book your appointment in seconds");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ClickAsync("footer a:has-text('Español')");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Reservá tu turno en segundos");
    }

    [Fact]
    public async Task Barber_CannotOpenAnotherBarbersAgenda()
    {
        var (_, otherBarber) = await IdsAsync("Corte", "Fede");
        var page = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "barbero1@barberpro.local");

        await new AgendaPageObject(page).OpenAsync(Wednesday, providerId: otherBarber);

        await Expect(page.Locator("#agenda-not-found")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-booking]").CountAsync());
    }

    [Fact]
    public async Task Barber_WeekView()
    {
        var page = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "barbero1@barberpro.local");
        await new AgendaPageObject(page).OpenAsync(Wednesday, week: true);
        await Expect(page.Locator(".column")).ToHaveCountAsync(7);
        Assert.True(await page.Locator("[data-booking]").CountAsync() > 5);
        await BrowserFixture.ScreenshotAsync(page, "11-agenda-week");

    }

    [Fact]
    public async Task ClosingPages_ReleasesTheirLiveSubscriptions()
    {
        var events = (BarberPro.Domain.Bookings.InProcessBookingEvents)browser.App.Services.GetRequiredService<BarberPro.Domain.Bookings.IBookingEvents>();
        var baseline = events.SubscriberCount;
        var page = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "barbero1@barberpro.local");
        var context = page.Context;
        var pages = new List<IPage>();
        for (var i = 0; i < 8; i++)
        {
            var agendaPage = await context.NewPageAsync();
            await new AgendaPageObject(agendaPage).OpenAsync(Wednesday);
            pages.Add(agendaPage);
        }
        Assert.True(events.SubscriberCount >= baseline + 8);

        foreach (var p in pages)
            await p.CloseAsync(new() { RunBeforeUnload = true });
        await page.CloseAsync(new() { RunBeforeUnload = true });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (events.SubscriberCount > baseline && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(baseline, events.SubscriberCount);
    }

    [Fact]
    public async Task Owner_SeesEveryBarberSideBySide()
    {
        var page = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "owner@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(page, "/local/agenda");
        await Expect(page.Locator(".column")).ToHaveCountAsync(3);
        await page.ClickAsync("button[aria-label='Siguiente']"); // Monday is closed: Tuesday, every barber busy
        await Expect(page.Locator(".range")).ToContainTextAsync("martes 8 de diciembre");
        await Expect(page.Locator(".column").Nth(2).Locator("[data-booking]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "13-owner-shop-agenda");
    }

    [Fact]
    public async Task Owner_SettingsPages_WorkOnAPhone()
    {
        var (_, diego) = await IdsAsync("Corte", "Diego");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "owner@barberpro.local");

        await BrowserFixture.GoToInteractiveAsync(page, "/admin/local");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "15-owner-settings");
        await BrowserFixture.GoToInteractiveAsync(page, "/admin/servicios");
        await Expect(page.GetByText("Corte + barba").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "16-owner-services");
        await BrowserFixture.GoToInteractiveAsync(page, $"/admin/equipo/{diego}");
        await Expect(page.Locator("h1")).ToContainTextAsync("Diego");
        await BrowserFixture.ScreenshotAsync(page, "17-owner-barber-hours");
    }

    private async Task<(Guid OfferingId, Guid ProviderId)> IdsAsync(string offering, string provider)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return (await db.Offerings.Where(o => o.Name == offering).Select(o => o.Id).SingleAsync(),
            await db.Providers.Where(p => p.DisplayName == provider).Select(p => p.Id).SingleAsync());
    }

    private async Task<LocalTime> FirstFreeSlotAsync(Guid providerId, Guid offeringId, LocalDate date)
    {
        var slots = await browser.App.Services.GetRequiredService<BarberPro.Domain.Availability.AvailabilityService>().GetSlotsAsync(providerId, offeringId, date);
        return slots!.Starts.First().InZone(slots.Zone).TimeOfDay;
    }

    private static async Task RegisterAsync(IPage page, string name, string email)
    {
        await page.GotoAsync("/cuenta/registro");
        await page.FillAsync("#fullName", name);
        await page.FillAsync("#phone", "11 6222-3344");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Turnos-2026");
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.ExpectUrlWithoutAsync(page, "/cuenta/registro");
    }
}
