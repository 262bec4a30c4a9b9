using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The owner's analytics at /admin/analitica (the barber's at /agenda/analitica is the same page).</summary>
public sealed class AnalyticsPageObject(IPage page)
{
    public Task OpenAsync(string path = "/admin/analitica") => TestSupport.BrowserFixture.GoToInteractiveAsync(page, path);

    public ILocator Period => page.Locator("#analytics-period");

    public ILocator Tile(string figure) => page.Locator($".change-tile[data-figure='{figure}']");

    public ILocator OccupancyRows => page.Locator("#occupancy-providers tbody tr");

    public Task ChoosePresetAsync(string text) => ChooseAsync("#range-preset", text);

    public Task ChooseBarberAsync(string text) => ChooseAsync("#provider-filter", text);

    /// <summary>Downloads the CSV (Argentine or plain) and returns its bytes.</summary>
    public async Task<byte[]> DownloadAsync(bool plain = false)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(plain ? "#export-csv-plain" : "#export-csv"));
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task ChooseAsync(string select, string text)
    {
        await page.Locator($"{select} .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text }).ClickAsync();
    }
}
