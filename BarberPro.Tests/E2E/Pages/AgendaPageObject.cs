using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The barber's agenda at /agenda.</summary>
public sealed class AgendaPageObject(IPage page)
{
    public Task OpenAsync(LocalDate day, bool week = false, Guid? providerId = null) =>
        TestSupport.BrowserFixture.GoToInteractiveAsync(page,
            $"/agenda{(providerId is null ? "" : "/" + providerId)}?dia={day:yyyy-MM-dd}{(week ? "&vista=semana" : "")}");

    /// <summary>A booking's block in the time grid.</summary>
    public ILocator Booking(Guid id) => page.Locator($"[data-booking='{id}']");

    public ILocator Bookings => page.Locator("[data-booking]");

    /// <summary>A booking or time off in the week's day list (what phones show instead of the grid).</summary>
    public ILocator Entry(Guid id) => page.Locator($"[data-entry='{id}']");

    /// <summary>The notice of a day (or week) without working hours.</summary>
    public ILocator Closed => page.Locator("#agenda-closed");

    public Task NextAsync() => page.ClickAsync("#agenda-next");

    public Task PreviousAsync() => page.ClickAsync("#agenda-previous");
}
