using System.Text.RegularExpressions;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// A customer on a 390×844 phone books a weekly series of 4 in the wizard and sees it as one card in "Mis turnos".
/// The app's clock is Monday 2026-12-07 09:00 in Buenos Aires.
/// </summary>
public sealed class SeriesBookingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Wednesday = new(2026, 12, 30);

    [Fact]
    public async Task Customer_BooksAWeeklySeriesOfFour_AndSeesItGroupedInMisTurnos()
    {
        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, "cliente@barberpro.local");
        var wizard = new BookingWizardPage(customer);
        await wizard.OpenAsync();
        await wizard.PickServiceAsync("Corte");
        await wizard.PickProviderAsync("Diego");
        await wizard.PickDayAsync(Wednesday);
        await Expect(wizard.Slots.First).ToBeVisibleAsync();
        await wizard.PickSlotAsync((await wizard.Slots.Last.InnerTextAsync()).Trim());

        var series = new SeriesBookingPage(customer);
        await Expect(customer.Locator("#confirm-booking")).ToBeVisibleAsync();
        await series.RepeatAsync();
        await Expect(customer.Locator("#confirm-booking")).ToHaveCountAsync(0);
        await series.PickFrequencyAsync("weekly");
        await series.PreviewAsync();
        await Expect(series.Occurrences).ToHaveCountAsync(4);
        await series.TakeFirstAlternativesAsync();
        await Expect(series.ConfirmButton).ToContainTextAsync("Reservar 4 turnos");
        await ViewportScreenshotAsync(customer, series.Occurrences.First, "30-series-preview");
        await series.ConfirmButton.ClickAsync();

        await BrowserFixture.ExpectUrlAsync(customer, "/mis-turnos?serie=");
        var seriesId = Guid.Parse(Regex.Match(customer.Url, "serie=([0-9a-f-]{36})").Groups[1].Value);
        await customer.Locator("#interactive-ready").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        var cards = new SeriesCardObject(customer);
        await Expect(cards.Card(seriesId)).ToBeVisibleAsync();
        await Expect(cards.Card(seriesId)).ToContainTextAsync("quedan 4");
        await Expect(cards.Card(seriesId)).ToContainTextAsync("Corte");
        // Two series cards: this one, and the demo customer's weekly session at Consultorio Belgrano (demo data).
        await Expect(cards.Cards).ToHaveCountAsync(2);
        await Expect(cards.Cards.Filter(new() { HasTextString = "Corte" })).ToHaveCountAsync(1);
        // The four occurrences are one card, not four booking cards.
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync())
        {
            var ids = await db.Bookings.Where(b => b.SeriesId == seriesId).Select(b => b.Id).ToListAsync();
            Assert.Equal(4, ids.Count);
            foreach (var id in ids)
                await Expect(customer.Locator($".booking-card:not(.series-card)[data-booking='{id}']")).ToHaveCountAsync(0);
        }
        await cards.ExpandAsync(seriesId);
        await Expect(cards.Items(seriesId)).ToHaveCountAsync(4);
        await Expect(cards.Items(seriesId).First.Locator(".cancel-following")).ToBeVisibleAsync();
        await ViewportScreenshotAsync(customer, cards.Card(seriesId), "31-mis-turnos-series");
    }

    /// <summary>What a 390×844 phone shows with <paramref name="anchor"/> near the top, saved to test-output/screenshots (docs/screenshots keeps a copy).</summary>
    private static async Task ViewportScreenshotAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator anchor, string name)
    {
        await anchor.EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 180)");
        var folder = Repository.PathOf("test-output", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }
}
