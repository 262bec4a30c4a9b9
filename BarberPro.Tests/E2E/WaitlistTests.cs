using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Waitlist;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// The waitlist in a real browser on a phone: a customer joins the list for Diego's full Wednesday from the booking
/// wizard; another customer's booking that day is cancelled; "Mis turnos", open all along, shows the offer live with a
/// countdown, and the customer accepts it. Its own app (the clock stays at Monday 2026-12-07 09:00).
/// </summary>
public sealed class WaitlistTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Wednesday = new(2026, 12, 9);

    [Fact]
    public async Task Customer_JoinsTheWaitlistForAFullDay_ThenAcceptsTheFreedSlotFromMisTurnos()
    {
        var services = browser.App.Services;
        var factory = services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
        Guid diegoId, corteId;
        Guid otherCustomerId;
        string ownerId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            diegoId = (await db.Providers.SingleAsync(p => p.DisplayName == "Diego")).Id;
            corteId = (await db.Offerings.SingleAsync(o => o.Name == "Corte")).Id;
            ownerId = (await db.Shops.SingleAsync(s => s.Slug == "barberpro-palermo")).OwnerUserId!;
            otherCustomerId = (await db.Customers.OrderBy(c => c.FullName).FirstAsync(c => c.UserId == null)).Id;
        }
        // Fill Diego's Wednesday: the owner books every start a customer could still take, for another customer.
        var owner = Actor.Owner(ownerId);
        var bookings = services.GetRequiredService<BookingService>();
        var availability = services.GetRequiredService<AvailabilityService>();
        var filled = new List<Booking>();
        while ((await availability.GetSlotsAsync(diegoId, corteId, Wednesday))!.Starts is { Count: > 0 } starts)
            filled.Add(Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(diegoId, corteId, starts[0], null, otherCustomerId), owner)).Booking);
        Assert.NotEmpty(filled);

        // The customer finds Wednesday greyed out and joins the waitlist from the wizard.
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cliente@barberpro.local");
        var wizard = new BookingWizardPage(page);
        await wizard.OpenAsync();
        await page.Locator($".choice[data-offering='{corteId}']").ClickAsync();
        await wizard.PickProviderAsync("Diego");
        await Expect(page.Locator(".day[data-date='2026-12-10']")).ToBeEnabledAsync();
        await Expect(page.Locator(".day[data-date='2026-12-09']")).ToBeDisabledAsync();
        await page.ClickAsync("#waitlist-open");
        await page.Locator("#waitlist-day .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "miércoles 9" }).ClickAsync();
        await page.ClickAsync("#waitlist-submit");
        await Expect(page.Locator("#waitlist-joined")).ToBeVisibleAsync();

        // The owner sees the day's queue.
        var staff = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(staff, "owner@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(staff, "/agenda/espera?dia=2026-12-09");
        await Expect(staff.Locator("li[data-entry][data-status=waiting]")).ToContainTextAsync("Cliente Demo");
        await BrowserFixture.ScreenshotAsync(staff, "31-staff-waitlist-queue");

        // "Mis turnos" is open when another customer's booking is cancelled: the offer arrives live.
        await BrowserFixture.GoToInteractiveAsync(page, "/mis-turnos");
        var entry = page.Locator("#my-waitlist [data-entry]");
        await Expect(entry).ToHaveAttributeAsync("data-status", "waiting");
        var cancelled = filled[filled.Count / 2];
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.ApplyAsync(cancelled.Id, BookingAction.Cancel, owner, "El cliente avisó que no viene"));

        await Expect(entry).ToHaveAttributeAsync("data-status", "offered");
        await Expect(entry.Locator(".countdown")).ToContainTextAsync("Vence en 15:00");
        await Expect(entry.Locator(".offer-slot")).ToContainTextAsync("mié 9 dic, " + Formatting(cancelled.Start));
        await Expect(entry.Locator(".when")).ToHaveTextAsync("miércoles 9 de diciembre");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Se liberó un turno");
        await BrowserFixture.ScreenshotAsync(page, "30-mis-turnos-waitlist-offer");

        await entry.Locator(".waitlist-accept").ClickAsync();
        await Expect(entry).ToHaveAttributeAsync("data-status", "booked");
        await Expect(page.Locator(".booking-card", new() { HasTextString = Formatting(cancelled.Start) })).ToBeVisibleAsync();

        await using var check = await factory.CreateDbContextAsync();
        var stored = await check.WaitlistEntries.SingleAsync(e => e.Date == Wednesday); // the demo's history has entries of its own
        Assert.Equal(WaitlistStatus.Booked, stored.Status);
        var booking = await check.Bookings.Include(b => b.Customer).SingleAsync(b => b.Id == stored.BookingId);
        Assert.Equal("cliente@barberpro.local", booking.Customer!.Email);
        Assert.Equal(cancelled.Start, booking.Start);
    }

    /// <summary>"10:35" of <paramref name="start"/> in Buenos Aires, as the pages print times.</summary>
    private static string Formatting(Instant start) => start.InZone(TestAgenda.BuenosAires).TimeOfDay.ToString("HH:mm", null);
}
