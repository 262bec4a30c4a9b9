using System.Text;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using CsvHelper;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// The demo owner's analytics in a phone's browser: the default range, another preset and one barber, each in the
/// address; then the CSV of what is shown, downloaded and read back. Saves the dashboard's screenshots (phone and desktop).
/// </summary>
public sealed class AnalyticsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Owner_SwitchesRangeAndBarber_ThenDownloadsTheCsv()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "owner@barberpro.local");
        var analytics = new AnalyticsPageObject(page);
        await analytics.OpenAsync();

        // Last 30 days by default, ending on the shop's today (Monday 7 December 2026 on the test clock).
        await Expect(analytics.Period).ToContainTextAsync("Del 08/11/2026 al 07/12/2026");
        await Expect(analytics.OccupancyRows).ToHaveCountAsync(3);
        await Expect(analytics.Tile("made")).ToContainTextAsync("antes");
        await ScreenshotAsync(page, "analytics-owner-390");
        // Nothing wider than the phone: wide tables scroll inside their own box.
        Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await BrowserFixture.ScreenshotAsync(page, "analytics-owner-390-full-page");

        await analytics.ChoosePresetAsync("Este mes");
        await Expect(analytics.Period).ToContainTextAsync("Del 01/12/2026 al 31/12/2026");
        Assert.Contains("rango=mes", page.Url);

        await analytics.ChooseBarberAsync("Fede");
        await Expect(analytics.OccupancyRows).ToHaveCountAsync(1);
        await Expect(analytics.OccupancyRows.First).ToContainTextAsync("Fede");
        Assert.Contains("barbero=", page.Url);

        // A reload keeps the view.
        await BrowserFixture.GoToInteractiveAsync(page, page.Url);
        await Expect(analytics.Period).ToContainTextAsync("Del 01/12/2026 al 31/12/2026");
        await Expect(analytics.OccupancyRows).ToHaveCountAsync(1);

        var bytes = await analytics.DownloadAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';' });
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal("Fede", reader.GetString("Profesional"));
            Assert.Matches(@"^\d\d/12/2026$", reader.GetString("Fecha"));
        }
        Assert.True(rows > 0, "Fede has bookings in December on the demo data");

        // The same dashboard on a desktop, for the docs.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "es-AR",
            TimezoneId = "America/Argentina/Buenos_Aires",
        });
        var desktop = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(desktop, "owner@barberpro.local");
        var wide = new AnalyticsPageObject(desktop);
        await wide.OpenAsync("/admin/analitica?rango=30-dias");
        await Expect(wide.OccupancyRows).ToHaveCountAsync(3);
        await ScreenshotAsync(desktop, "analytics-owner-desktop");
        await context.DisposeAsync();
    }

    /// <summary>What the screen shows (the viewport, not the whole page), saved to test-output/screenshots (docs/screenshots keeps a copy).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Repository.PathOf("test-output", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
