using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>Its own app: this test moves the app's clock.</summary>
public sealed class CancellationWindowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_CancelInsideTheWindow_IsRefusedWithTheMessage_AndNothingChanges()
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var customer = await db.Customers.SingleAsync(c => c.Email == "cliente@barberpro.local");
        var provider = await db.Providers.SingleAsync(p => p.DisplayName == "Nacho");
        var offering = await db.Offerings.SingleAsync(o => o.Name == "Corte");
        var tuesday = new LocalDate(2026, 12, 8);
        var slots = await services.GetRequiredService<BarberPro.Domain.Availability.AvailabilityService>().GetSlotsAsync(provider.Id, offering.Id, tuesday);
        var start = slots!.Starts.Last();
        var booked = await services.GetRequiredService<BookingService>().BookAsync(new NewBooking(provider.Id, offering.Id, start), Actor.Customer(customer.UserId!));
        var id = Assert.IsType<BookingOutcome.Succeeded>(booked).Booking.Id;

        // Two hours before the start: well inside the 24-hour window.
        browser.App.Clock.Reset(start - Duration.FromHours(2));
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cliente@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(page, $"/mis-turnos/{id}");
        await Expect(page.Locator("#window-closed")).ToContainTextAsync("24 h antes");
        await page.ClickAsync("#cancel");
        await page.ClickAsync("#confirm-cancel");

        await Expect(page.Locator("#change-error")).ToContainTextAsync("Ya no podés cancelar este turno");
        await Expect(page.Locator("#booking-status")).ToHaveTextAsync("Pendiente");
        await BrowserFixture.ScreenshotAsync(page, "14-cancel-refused");

        // The same Tuesday afternoon from the barber's phone: the next customer first.
        var barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero3@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(barber, "/agenda/hoy");
        await Expect(barber.Locator("#next-customer")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(barber, "12-barber-today-phone");

        await using var check = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        Assert.Equal(BookingStatus.Pending, (await check.Bookings.SingleAsync(b => b.Id == id)).Status);
    }
}
