using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The owner's side-by-side day of every barber at /local/agenda.</summary>
public sealed class ShopAgendaPageObject(IPage page)
{
    public Task OpenAsync(LocalDate day) => TestSupport.BrowserFixture.GoToInteractiveAsync(page, $"/local/agenda?dia={day:yyyy-MM-dd}");

    public ILocator Booking(Guid id) => page.Locator($"[data-booking='{id}']");

    /// <summary>One barber's column.</summary>
    public ILocator Column(Guid providerId) => page.Locator($".column[data-column='{providerId}']");

    public ILocator Closed => page.Locator("#agenda-closed");

    public Task NextAsync() => page.ClickAsync("#agenda-next");
}
