using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Issue 16 in a phone's browser: the demo owner finds a client by the phone as they typed it, adds a note to their
/// card and books for them from it (the agenda's walk-in dialog, the client already chosen). Saves the screenshots of
/// the list and the card at 390×844.
/// </summary>
public sealed class ClientBookTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOwner_FindsAClientByPhone_AddsANote_AndBooksForThem()
    {
        // Tuesday 8 December 2026, 09:00: the demo barbers work from 10:00.
        browser.App.Clock.Reset(TestAgenda.TuesdayAt(9));
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "owner@barberpro.local");
        var clients = new ClientsPageObject(page);

        await clients.OpenAsync();
        await Expect(clients.Cards.First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "client-book-phone");
        Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

        await clients.SearchAsync("+54 9 11 6000-1000");
        await BrowserFixture.ExpectUrlAsync(page, "/clientes", "q=");
        await Expect(clients.Cards).ToHaveCountAsync(1);
        await Expect(clients.Card("Martín Gómez").Locator("a.client-tel")).ToHaveAttributeAsync("href", "tel:+5491160001000");
        await clients.OpenClientAsync("Martín Gómez");

        var client = new ClientPageObject(page);
        await BrowserFixture.ExpectUrlAsync(page, "/clientes/");
        await Expect(client.Name).ToHaveTextAsync("Martín Gómez");
        await client.SaveNotesAsync("Le gusta el degradé bajo");
        await Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Notas guardadas" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "client-card-phone");
        Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

        await client.BookAsync();
        await BrowserFixture.ExpectUrlAsync(page, "/agenda/", "cliente=");
        var walkIn = new WalkInForClientObject(page);
        await Expect(walkIn.Client).ToHaveTextAsync("Reservar para Martín Gómez");
        await Expect(page.Locator("#walkin-name")).ToHaveCountAsync(0);
        await walkIn.ChooseServiceAsync("Corte");
        await walkIn.Slots.First.ClickAsync();
        await walkIn.SaveAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Turno agendado" })).ToBeVisibleAsync();

        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var martin = await db.Customers.SingleAsync(c => c.FullName == "Martín Gómez");
        Assert.Equal("Le gusta el degradé bajo", (await db.ShopCustomers.SingleAsync(l => l.CustomerId == martin.Id)).Notes);
        var booked = await db.Bookings.Where(b => b.CustomerId == martin.Id && b.CreatedAt == TestAgenda.TuesdayAt(9)).SingleAsync();
        Assert.Equal(BookingStatus.Confirmed, booked.Status);
        Assert.Equal(TestAgenda.Tuesday, booked.LocalStartDate);
    }
}
