using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BarberPro.Tests.TwoNodes;

/// <summary>
/// Live pages across nodes, in Debian's chromium: a barber's agenda open on node B shows a booking made through node
/// A's API, and a customer's slot picker on node A loses a slot taken through node B. The time from the API's 201 to
/// the page's change is measured in the browser (a MutationObserver's Date.now() against the same machine's clock)
/// and printed; it is not asserted.
/// </summary>
[Trait("Category", TwoNodesDeployment.Category)]
[Trait(TwoNodesDeployment.Phase, TwoNodesDeployment.BothUp)]
public sealed class LiveAcrossNodesTests(LiveAcrossNodesTests.Browser browser, ITestOutputHelper output) : IClassFixture<LiveAcrossNodesTests.Browser>
{
    private const string Observer = """
        (selector) => {
          window.__changes = {};
          const record = () => {
            for (const el of document.querySelectorAll(selector)) {
              const key = el.getAttribute('data-booking') || el.getAttribute('data-start');
              if (!(key in window.__changes)) window.__changes[key] = { seen: Date.now(), gone: null };
            }
            for (const key of Object.keys(window.__changes)) {
              const present = document.querySelector(`[data-booking="${key}"], [data-start="${key}"]`);
              if (!present && window.__changes[key].gone === null) window.__changes[key].gone = Date.now();
            }
          };
          record();
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
        }
        """;

    /// <summary>Chromium, launched once for the class; each test opens its own contexts (separate people).</summary>
    public sealed class Browser : IAsyncLifetime
    {
        private IPlaywright? _playwright;
        public IBrowser Chromium { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (!File.Exists(BrowserFixture.ChromiumPath))
                throw new InvalidOperationException("Debian's chromium is missing: scripts/test.sh installs it (apt-get install -y chromium).");
            _playwright = await Playwright.CreateAsync();
            Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserFixture.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=es-AR"],
            });
        }

        public async Task<IPage> NewPageAsync(Uri node, bool phone)
        {
            var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = node.ToString(),
                ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
                IsMobile = phone,
                HasTouch = phone,
                Locale = "es-AR",
                TimezoneId = "America/Argentina/Buenos_Aires",
            });
            context.SetDefaultTimeout(20_000);
            return await context.NewPageAsync();
        }

        public async Task DisposeAsync()
        {
            if (Chromium is not null)
                await Chromium.DisposeAsync();
            _playwright?.Dispose();
        }
    }

    private static TwoNodesDeployment Deployment => TwoNodesDeployment.Current;

    private static async Task<(Guid Id, double AnsweredAt)> BookAsync(Uri through, string token, Guid provider, Guid service, DateTimeOffset start)
    {
        using var client = TwoNodesDeployment.Client(through, token);
        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new { providerId = provider, serviceId = service, startTime = TwoNodesDeployment.Iso(start) });
        var answeredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), answeredAt);
    }

    private static async Task<double> StampAsync(IPage page, string key, string field)
    {
        var handle = await page.WaitForFunctionAsync($"() => window.__changes['{key}'] && window.__changes['{key}'].{field}");
        return await handle.JsonValueAsync<double>();
    }

    private static string Summary(List<double> samples)
    {
        samples.Sort();
        return $"median {samples[samples.Count / 2]:0} ms, max {samples[^1]:0} ms, min {samples[0]:0} ms over {samples.Count}";
    }

    [Fact]
    public async Task BarbersAgendaOnNodeB_ShowsBookingsMadeThroughNodeA_Live()
    {
        var demo = await Deployment.DemoAsync();
        var day = TwoNodesDeployment.QuietTuesday.PlusDays(2); // a Thursday the storm does not touch
        var free = await Deployment.FreeStartsAsync(demo.Diego, demo.Corte, day);
        Assert.True(free.Count >= 10, $"only {free.Count} free starts for Diego on {day:yyyy-MM-dd}");
        var token = (await Deployment.RegisterCustomersAsync(1, "agenda"))[0];

        var page = await browser.NewPageAsync(Deployment.NodeB, phone: false);
        await BrowserFixture.SignInAsync(page, "barbero1@barberpro.local");
        var agenda = new AgendaPageObject(page);
        await agenda.OpenAsync(day);
        await page.EvaluateAsync(Observer, "[data-booking]");

        var samples = new List<double>();
        foreach (var start in free.Where((_, i) => i % 3 == 0).Take(5))
        {
            var (id, answeredAt) = await BookAsync(Deployment.NodeA, token, demo.Diego, demo.Corte, start);
            await Assertions.Expect(agenda.Booking(id)).ToBeVisibleAsync();
            samples.Add(await StampAsync(page, id.ToString(), "seen") - answeredAt);
        }
        var report = $"live update across nodes, agenda: 201 from node A → booking drawn on node B's open agenda: {Summary(samples)}";
        output.WriteLine(report);
        Deployment.Figure(report);
    }

    [Fact]
    public async Task CustomersSlotPickerOnNodeA_LosesSlotsTakenThroughNodeB_Live()
    {
        var demo = await Deployment.DemoAsync();
        var day = TwoNodesDeployment.QuietTuesday.PlusDays(3); // a Friday the storm does not touch
        var free = await Deployment.FreeStartsAsync(demo.Fede, demo.Corte, day);
        Assert.True(free.Count >= 10, $"only {free.Count} free starts for Fede on {day:yyyy-MM-dd}");
        var token = (await Deployment.RegisterCustomersAsync(1, "picker"))[0];

        var page = await browser.NewPageAsync(Deployment.NodeA, phone: true);
        await BrowserFixture.SignInAsync(page, "cliente@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(page, $"/local/barberpro-palermo/reservar?servicio={demo.Corte}&profesional={demo.Fede}&dia={day:yyyy-MM-dd}");
        var wizard = new BookingWizardPage(page);
        await Assertions.Expect(wizard.Slots.First).ToBeVisibleAsync();
        await page.EvaluateAsync(Observer, ".slot[data-start]");

        var samples = new List<double>();
        foreach (var start in free.Where((_, i) => i % 3 == 1).Take(5))
        {
            var key = Instant.FromDateTimeOffset(start).ToString();
            var slot = page.Locator($".slot[data-start='{key}']");
            await Assertions.Expect(slot).ToBeVisibleAsync();
            var (_, answeredAt) = await BookAsync(Deployment.NodeB, token, demo.Fede, demo.Corte, start);
            await Assertions.Expect(slot).ToHaveCountAsync(0);
            samples.Add(await StampAsync(page, key, "gone") - answeredAt);
        }
        var report = $"live update across nodes, slot picker: 201 from node B → slot gone from node A's open picker: {Summary(samples)}";
        output.WriteLine(report);
        Deployment.Figure(report);
    }
}
