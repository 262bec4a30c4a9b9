using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The booking wizard at /local/{slug}/reservar.</summary>
public sealed class BookingWizardPage(IPage page)
{
    public IPage Page => page;

    public Task OpenAsync(string slug = "barberpro-palermo") => TestSupport.BrowserFixture.GoToInteractiveAsync(page, $"/local/{slug}/reservar");

    public Task PickServiceAsync(string name) => page.Locator(".choice[data-offering]", new() { HasText = name }).First.ClickAsync();

    public Task PickProviderAsync(string name) => page.Locator(".choice[data-provider]", new() { HasText = name }).First.ClickAsync();

    public Task PickAnyProviderAsync() => page.ClickAsync(".choice[data-provider=any]");

    public async Task PickDayAsync(LocalDate date)
    {
        var button = page.Locator($".day[data-date='{date:yyyy-MM-dd}']");
        // The month's availability loads after the step renders.
        await Assertions.Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
    }

    public ILocator Slots => page.Locator(".slot");

    public ILocator Slot(string time) => page.Locator(".slot", new() { HasTextString = time });

    public Task PickSlotAsync(string time) => Slot(time).ClickAsync();

    public Task ConfirmAsync() => page.ClickAsync("#confirm-booking");
}
