using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Waitlist;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// The waitlist of a full group session on a phone: the demo customer joins the waitlist of Diego's full class from the
/// classes page; a participant leaves; "Mis turnos", open all along, shows the held place live and the customer accepts
/// it, taking the seat. Its own app (a class of 2 added to the demo shop).
/// </summary>
public sealed class SessionWaitlistTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_JoinsAFullSessionsWaitlist_AnotherLeaves_AndTheFirstAcceptsTheHeldPlace()
    {
        var services = browser.App.Services;
        var factory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        var classId = await GroupClassSetup.AddClassAsync(browser.App, capacity: 2);
        string ownerId;
        Guid diegoId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            ownerId = (await db.Shops.SingleAsync(s => s.Slug == "barberpro-palermo")).OwnerUserId!;
            diegoId = (await db.Providers.SingleAsync(p => p.DisplayName == "Diego")).Id;
        }
        var sessions = services.GetRequiredService<SessionService>();
        var opened = await sessions.OpenAsync(new NewSession(diegoId, classId, TestAgenda.Local(new LocalDate(2026, 12, 30).At(new LocalTime(18, 0))), 2),
            Actor.Owner(ownerId));
        Assert.True(opened.Succeeded, opened.Error?.ToString());
        var sessionId = opened.Value!.Id;
        var ana = await GroupClassSetup.NewCustomerAsync(browser.App, "Ana Suárez", "11 2345-6789");
        var bruno = await GroupClassSetup.NewCustomerAsync(browser.App, "Bruno Díaz", "11 3456-7890");
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(sessionId, Actor.Customer(ana)));
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(sessionId, Actor.Customer(bruno)));

        // The class is full: the customer joins its waitlist from the classes page.
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cliente@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(page, "/local/barberpro-palermo/clases");
        var card = page.Locator($"[data-session='{sessionId}']");
        await Expect(card).ToContainTextAsync("Completa");
        await card.Locator("button.join-waitlist").ClickAsync();
        await Expect(card.Locator(".on-waitlist")).ToBeVisibleAsync();

        // "Mis turnos" is open when Bruno leaves the class: the freed place is held for the customer, live.
        await BrowserFixture.GoToInteractiveAsync(page, "/mis-turnos");
        var entry = page.Locator("#my-waitlist [data-entry]");
        await Expect(entry).ToHaveAttributeAsync("data-status", "waiting");
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.LeaveAsync(sessionId, Actor.Customer(bruno)));
        await Expect(entry).ToHaveAttributeAsync("data-status", "offered");
        await Expect(entry.Locator(".offer-slot")).ToContainTextAsync("mié 30 dic, 18:00");

        await entry.Locator(".waitlist-accept").ClickAsync();
        await Expect(entry).ToHaveAttributeAsync("data-status", "booked");

        await using var check = await factory.CreateDbContextAsync();
        var stored = await check.WaitlistEntries.SingleAsync(e => e.SessionId == sessionId);
        Assert.Equal(WaitlistStatus.Booked, stored.Status);
        var seat = await check.Bookings.Include(b => b.Customer).SingleAsync(b => b.Id == stored.BookingId);
        Assert.Equal((sessionId, "cliente@barberpro.local"), (seat.SessionId!.Value, seat.Customer!.Email));
        Assert.Equal(2, await check.Bookings.ThatAreActive().CountAsync(b => b.SessionId == sessionId));
    }
}
