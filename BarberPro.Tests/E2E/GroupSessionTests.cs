using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Sessions;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Group sessions in the browser on the demo shop, with a "Clase de barbería" for up to 5 that Diego offers: the barber
/// opens a class from his agenda and watches participants arrive live (joining through the domain and through the
/// customer's page while his page is open), then marks attendance. Its own app: it moves the clock.
/// </summary>
public sealed class GroupSessionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A Wednesday after the demo bookings (they end three weeks after "now").</summary>
    private static readonly LocalDate Day = new(2026, 12, 30);

    [Fact]
    public async Task Barber_OpensAGroupSession_AndSeesParticipantsArriveLive()
    {
        var services = browser.App.Services;
        var classId = await AddClassAsync();

        // The barber, on his phone, opens a class from the agenda: 18:00, the service's capacity (5).
        var barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero1@barberpro.local");
        var agenda = new AgendaPageObject(barber);
        await agenda.OpenAsync(Day);
        await barber.ClickAsync("#open-session");
        await Expect(barber.Locator("#session-capacity")).ToHaveValueAsync("5");
        await BrowserFixture.ScreenshotAsync(barber, "40-open-session-dialog-phone");
        await barber.ClickAsync("#session-save");
        var block = barber.Locator("[data-session]");
        await Expect(block).ToHaveCountAsync(1);
        await Expect(block.Locator(".what")).ToHaveTextAsync("Clase · 0/5");
        await BrowserFixture.ScreenshotAsync(barber, "41-agenda-with-session-phone");

        Guid sessionId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync())
            sessionId = (await db.GroupSessions.SingleAsync(s => s.OfferingId == classId)).Id;

        await block.ClickAsync();
        await BrowserFixture.ExpectUrlAsync(barber, $"/agenda/clases/{sessionId}");
        await Expect(barber.Locator("#session-participants")).ToContainTextAsync("Todavía no se anotó nadie");
        await Expect(barber.Locator("#session-seats")).ToContainTextAsync("0/5");

        // Two customers join through the domain while the page is open: they appear without a reload.
        var sessions = services.GetRequiredService<SessionService>();
        var ana = await NewCustomerAsync("Ana Suárez", "11 2345-6789");
        var bruno = await NewCustomerAsync("Bruno Díaz", "11 3456-7890");
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(sessionId, Actor.Customer(ana)));
        await Expect(barber.Locator(".participant")).ToHaveCountAsync(1);
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(sessionId, Actor.Customer(bruno)));
        await Expect(barber.Locator(".participant")).ToHaveCountAsync(2);
        await Expect(barber.Locator("#session-seats")).ToContainTextAsync("2/5");
        await Expect(barber.Locator(".participant").First.Locator("a[href^='tel:']")).ToBeVisibleAsync();
        await Expect(barber.Locator(".participant").First.Locator("a[href^='https://wa.me/549']")).ToBeVisibleAsync();

        // The demo customer finds the class from the shop page and joins it on his phone; the barber sees it too.
        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, "cliente@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(customer, "/local/barberpro-palermo");
        await customer.ClickAsync("#shop-sessions-link");
        await BrowserFixture.ExpectUrlAsync(customer, "/local/barberpro-palermo/clases");
        var card = customer.Locator($"[data-session='{sessionId}']");
        await Expect(card).ToContainTextAsync("Lugares libres: 3");
        await card.Locator("button.join").ClickAsync();
        await Expect(card).ToContainTextAsync("Estás anotado");
        await Expect(card.Locator("button.leave")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "43-customer-classes-phone");
        await Expect(barber.Locator(".participant")).ToHaveCountAsync(3);
        await Expect(barber.Locator("#session-seats")).ToContainTextAsync("3/5");
        await BrowserFixture.ScreenshotAsync(barber, "42-session-participants-phone");

        // The wizard never offers individual slots of a group service: choosing it leads to the classes.
        await BrowserFixture.GoToInteractiveAsync(customer, "/local/barberpro-palermo/reservar");
        await customer.ClickAsync($"[data-offering='{classId}']");
        await BrowserFixture.ExpectUrlAsync(customer, $"/clases?servicio={classId}");
        await Expect(customer.Locator($"[data-session='{sessionId}']")).ToBeVisibleAsync();

        // Once the class started the barber marks attendance per participant (signed in again: three weeks passed).
        browser.App.Clock.Reset(TestAgenda.Local(Day.At(new LocalTime(18, 5))));
        barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero1@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(barber, $"/agenda/clases/{sessionId}");
        var first = barber.Locator(".participant").First;
        await first.Locator("button.attended").ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "Completed");
        var second = barber.Locator(".participant").Nth(1);
        await second.Locator("button.noshow").ClickAsync();
        await Expect(second).ToHaveAttributeAsync("data-status", "NoShow");

        // The barber's day lists the class, and leads back to it.
        await BrowserFixture.GoToInteractiveAsync(barber, "/agenda/hoy");
        await Expect(barber.Locator($"[data-session='{sessionId}']")).ToContainTextAsync("Clase de barbería");
    }

    private Task<Guid> AddClassAsync() => GroupClassSetup.AddClassAsync(browser.App);

    private Task<string> NewCustomerAsync(string name, string phone) => GroupClassSetup.NewCustomerAsync(browser.App, name, phone);
}
