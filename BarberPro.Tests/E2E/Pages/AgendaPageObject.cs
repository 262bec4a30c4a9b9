using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The barber's agenda at /agenda.</summary>
public sealed class AgendaPageObject(IPage page)
{
    public Task OpenAsync(LocalDate day, bool week = false, Guid? providerId = null) =>
        TestSupport.BrowserFixture.GoToInteractiveAsync(page,
            $"/agenda{(providerId is null ? "" : "/" + providerId)}?dia={day:yyyy-MM-dd}{(week ? "&vista=semana" : "")}");

    public ILocator Booking(Guid id) => page.Locator($"[data-booking='{id}']");

    public ILocator Bookings => page.Locator("[data-booking]");
}
