using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Each vertical's shop page and booking wizard on a 390×844 phone, with the demo's three shops: the words are the
/// vertical's, and psychology starts with the weekly series on. Saves the phone screenshots docs/screenshots keeps
/// (60–65). The app's clock is Monday 2026-12-07 09:00 in Buenos Aires.
/// </summary>
public sealed class VerticalBookingPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Diego, Lic. Laura Méndez and Dra. Carolina Ríos all work this Wednesday.</summary>
    private static readonly LocalDate Wednesday = new(2026, 12, 9);

    [Theory]
    [InlineData("barberpro-palermo", "barber", "Corte", "Diego", "Servicios", "Servicio", "Comentario para el barbero (opcional)", false)]
    [InlineData("consultorio-belgrano", "psychologist", "Sesión individual", "Laura", "Sesiones", "Sesión", "Comentario para el profesional (opcional)", true)]
    [InlineData("centro-medico-caballito", "doctor", "Consulta", "Carolina", "Consultas", "Consulta", "Comentario para el médico (opcional)", false)]
    public async Task Customer_OnAPhone_BooksInTheWordsOfTheShopsVertical(string slug, string vertical, string service, string provider,
        string servicesHeading, string step, string notesLabel, bool weeklyFirst)
    {
        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, "cliente@barberpro.local");

        await BrowserFixture.GoToInteractiveAsync(customer, $"/local/{slug}");
        await Expect(customer.Locator("h2", new() { HasTextString = servicesHeading })).ToBeVisibleAsync();
        await ScreenshotAsync(customer, $"6{Index(vertical)}-shop-{vertical}-phone");

        var wizard = new BookingWizardPage(customer);
        await wizard.OpenAsync(slug);
        await Expect(customer.Locator("ol.steps li.current")).ToHaveTextAsync(step);
        await wizard.PickServiceAsync(service);
        await wizard.PickProviderAsync(provider);
        await wizard.PickDayAsync(Wednesday);
        await Expect(wizard.Slots.First).ToBeVisibleAsync();
        await wizard.Slots.First.ClickAsync();

        await Expect(customer.Locator("label", new() { HasTextString = notesLabel })).ToBeVisibleAsync();
        if (weeklyFirst)
        {
            await Expect(customer.Locator("[data-frequency='weekly']")).ToHaveAttributeAsync("aria-checked", "true");
            await Expect(customer.Locator("#confirm-booking")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(customer.Locator("[data-frequency]")).ToHaveCountAsync(0);
            await Expect(customer.Locator("#confirm-booking")).ToBeVisibleAsync();
        }
        await ScreenshotAsync(customer, $"6{Index(vertical) + 3}-booking-{vertical}-phone");
    }

    private static int Index(string vertical) => vertical switch { "barber" => 0, "psychologist" => 1, _ => 2 };

    /// <summary>The whole page as a 390-wide phone shows it, to test-output/screenshots (docs/screenshots keeps a copy).</summary>
    private static Task ScreenshotAsync(IPage page, string name) => BrowserFixture.ScreenshotAsync(page, name);
}
