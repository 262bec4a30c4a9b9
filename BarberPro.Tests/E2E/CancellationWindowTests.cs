using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>Its own app: this test moves the app's clock.</summary>
public sealed class CancellationWindowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_InsideTheWindow_IsOfferedNoCancelOrReschedule_ButTheShopsPhoneAndWhatsApp()
    {
        browser.App.Clock.Reset(TestAgenda.DefaultNow);
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
        await Expect(page.Locator("#cancel")).ToHaveCountAsync(0);
        await Expect(page.Locator("#reschedule")).ToHaveCountAsync(0);
        await Expect(page.Locator("#contact-shop")).ToContainTextAsync("Comunicate con el local");
        await Expect(page.Locator("#call-shop")).ToHaveAttributeAsync("href", "tel:+5491148332211");
        await Expect(page.Locator("#whatsapp-shop")).ToHaveAttributeAsync("href", "https://wa.me/5491148332211");
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

    [Fact]
    public async Task StaffDialog_LongNotesWrapInsideTheDialog()
    {
        var notes = "Traigo una foto del corte que quiero: " + new string('x', 220) + " y por favor sin máquina.";
        var (_, dialog) = await OpenStaffDialogAsync(new LocalDate(2026, 12, 9), notes);

        await Expect(dialog.Locator(".notes")).ToBeVisibleAsync();
        // Nothing in the dialog is wider than the dialog: the note wraps instead of pushing it sideways.
        var overflow = await dialog.EvaluateAsync<bool>("d => [...d.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') || d.scrollWidth > d.clientWidth + 1");
        Assert.False(overflow);
        var notesBox = await dialog.Locator(".notes").BoundingBoxAsync();
        var dialogBox = await dialog.BoundingBoxAsync();
        Assert.True(notesBox!.X + notesBox.Width <= dialogBox!.X + dialogBox.Width + 1, $"notes end at {notesBox.X + notesBox.Width}, dialog at {dialogBox.X + dialogBox.Width}");
    }

    [Fact]
    public async Task Dialogs_CloseWithEscape()
    {
        var (page, dialog) = await OpenStaffDialogAsync(new LocalDate(2026, 12, 10), null);
        await Expect(dialog).ToBeVisibleAsync();

        // MudBlazor attaches the dialog's key listener just after the dialog shows: a person's Escape comes later than a
        // test's, so press again (a few times at most) until the listener has it. It must close within those tries.
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 1000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Books Nacho's first free haircut on <paramref name="day"/> for the demo customer and opens it from his agenda.</summary>
    private async Task<(IPage Page, ILocator Dialog)> OpenStaffDialogAsync(LocalDate day, string? notes)
    {
        browser.App.Clock.Reset(TestAgenda.DefaultNow);
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var customer = await db.Customers.SingleAsync(c => c.Email == "cliente@barberpro.local");
        var provider = await db.Providers.SingleAsync(p => p.DisplayName == "Nacho");
        var offering = await db.Offerings.SingleAsync(o => o.Name == "Corte");
        var slots = await services.GetRequiredService<BarberPro.Domain.Availability.AvailabilityService>().GetSlotsAsync(provider.Id, offering.Id, day);
        var booked = await services.GetRequiredService<BookingService>()
            .BookAsync(new NewBooking(provider.Id, offering.Id, slots!.Starts.First(), notes), Actor.Customer(customer.UserId!));
        var id = Assert.IsType<BookingOutcome.Succeeded>(booked).Booking.Id;

        var barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero3@barberpro.local");
        var agenda = new AgendaPageObject(barber);
        await agenda.OpenAsync(day);
        await agenda.Booking(id).ClickAsync();
        return (barber, barber.Locator(".mud-dialog"));
    }
}
