using System.Text.RegularExpressions;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Issue 16: a customer books corte + barba in one visit on a 390×844 phone, in Debian's chromium against the real app
/// on Kestrel, and sees one booking; the barber's agenda shows one block with both parts. The app's clock is Monday
/// 2026-12-07 09:00 in Buenos Aires; the demo shop's Corte is 30 min for $ 12.000, its Barba 20 min for $ 8.000.
/// </summary>
public sealed class VisitBookingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Thursday = new(2026, 12, 10);

    [Fact]
    public async Task ACustomer_BooksCorteAndBarbaInOneVisit_AndSeesOneBooking_TheBarbersAgendaShowsOneBlockWithBothParts()
    {
        var (corte, barba, diego) = await IdsAsync();
        var free = await browser.App.Services.GetRequiredService<AvailabilityService>().GetSlotsAsync(diego, [corte, barba], Thursday);
        var start = free!.Starts.First();
        var time = start.InZone(free.Zone).TimeOfDay;
        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, "cliente@barberpro.local");
        var wizard = new BookingWizardPage(customer);
        await wizard.OpenAsync();

        await customer.ClickAsync($".choice[data-offering='{corte}']");
        await customer.ClickAsync("#add-service");
        await customer.ClickAsync($".choice[data-offering='{barba}']");
        await Expect(customer.Locator("#visit-total")).ToContainTextAsync("50 min · $ 20.000");
        await Expect(customer.Locator(".visit-part .name")).ToHaveTextAsync(["Corte", "Barba"]);
        await BrowserFixture.ScreenshotAsync(customer, "76-visit-services");
        await customer.ClickAsync("#visit-continue");
        await Expect(customer.Locator("#summary-visit")).ToContainTextAsync("Corte + Barba · 50 min · $ 20.000");
        await wizard.PickProviderAsync("Diego");
        await wizard.PickDayAsync(Thursday);
        await wizard.PickSlotAsync(time.ToString("HH:mm", null));
        await Expect(customer.Locator("#confirm-booking")).ToBeVisibleAsync();
        await wizard.ConfirmAsync();

        await BrowserFixture.ExpectUrlAsync(customer, "/mis-turnos/", "nuevo=1");
        await Expect(customer.Locator("#booking-confirmed")).ToBeVisibleAsync();
        var id = Guid.Parse(Regex.Match(customer.Url, "/mis-turnos/([0-9a-f-]{36})").Groups[1].Value);
        await Expect(customer.Locator("h1")).ToHaveTextAsync("Corte + Barba");
        var barbaAt = time.PlusMinutes(30).ToString("HH:mm", null);
        await Expect(customer.Locator("#booking-parts [data-part]")).ToHaveTextAsync([$"{time:HH:mm} Corte", $"{barbaAt} Barba"]);
        await BrowserFixture.ScreenshotAsync(customer, "77-visit-confirmation");

        await BrowserFixture.GoToInteractiveAsync(customer, "/mis-turnos");
        await Expect(customer.Locator($"[data-booking='{id}']")).ToContainTextAsync("Corte + Barba");
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync())
        {
            // One confirmation, one booking: nothing else of this customer's starts at that time.
            var booked = await db.Bookings.Include(b => b.Parts).Where(b => b.Start == start && b.ProviderId == diego).ToListAsync();
            var visit = Assert.Single(booked);
            Assert.Equal([corte, barba], visit.OfferingIds);
        }
        // Case matters: the demo shop also has a "Corte + barba" service of its own (booked in its history).
        await Expect(customer.Locator("[data-booking]", new() { HasTextRegex = new Regex(Regex.Escape("Corte + Barba")) })).ToHaveCountAsync(1);

        var barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero1@barberpro.local");
        var agenda = new AgendaPageObject(barber);
        await agenda.OpenAsync(Thursday);
        await Expect(agenda.Booking(id)).ToHaveCountAsync(1);
        await Expect(agenda.Booking(id).Locator(".what")).ToHaveTextAsync("Corte + Barba");
        await Expect(agenda.Booking(id).Locator("[data-parts]")).ToHaveTextAsync($"{time:HH:mm} Corte · {barbaAt} Barba");
        await BrowserFixture.ScreenshotAsync(barber, "78-visit-agenda");
        await agenda.Booking(id).ClickAsync();
        await Expect(barber.Locator("#visit-parts li")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(barber, "79-visit-agenda-dialog");
    }

    private async Task<(Guid Corte, Guid Barba, Guid Diego)> IdsAsync()
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return (await db.Offerings.Where(o => o.Name == "Corte").Select(o => o.Id).SingleAsync(),
            await db.Offerings.Where(o => o.Name == "Barba").Select(o => o.Id).SingleAsync(),
            await db.Providers.Where(p => p.DisplayName == "Diego").Select(p => p.Id).SingleAsync());
    }
}
