using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// The Content-Security-Policy lets every page work in Debian's chromium: no violation is reported while a customer
/// books, a barber and an owner use their pages, and a developer reads /docs; the circuit connects (clicks change the
/// page), and nothing is loaded from outside the app.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Wednesday = new(2026, 12, 9);

    [Fact]
    public async Task BookingFlow_FromWizardToConfirmation_ReportsNoViolation()
    {
        var (page, watch) = await WatchedPageAsync();
        await page.GotoAsync("/");
        await BrowserFixture.SignInAsync(page, "cliente@barberpro.local");

        var wizard = new BookingWizardPage(page);
        await wizard.OpenAsync();
        await wizard.PickServiceAsync("Corte");
        await wizard.PickProviderAsync("Diego");
        await wizard.PickDayAsync(Wednesday);
        await Expect(wizard.Slots.First).ToBeVisibleAsync();
        await wizard.PickSlotAsync((await wizard.Slots.First.InnerTextAsync()).Trim());
        await wizard.ConfirmAsync();
        await Expect(page.Locator("#booking-confirmed")).ToBeVisibleAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/mis-turnos");

        watch.AssertClean(page);
    }

    [Fact]
    public async Task BarberAgenda_ReportsNoViolation_AndItsButtonsWork()
    {
        var (page, watch) = await WatchedPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "barbero1@barberpro.local");

        await BrowserFixture.GoToInteractiveAsync(page, "/agenda/hoy");
        var agenda = new AgendaPageObject(page);
        await agenda.OpenAsync(Wednesday);
        await agenda.NextAsync();
        await BrowserFixture.ExpectUrlAsync(page, $"dia={Wednesday.PlusDays(1):yyyy-MM-dd}");
        await agenda.OpenAsync(Wednesday, week: true);

        watch.AssertClean(page);
    }

    [Fact]
    public async Task OwnerAndAdminPages_ReportNoViolation_AndTheirButtonsWork()
    {
        var (owner, watch) = await WatchedPageAsync(phone: false);
        await BrowserFixture.SignInAsync(owner, "owner@barberpro.local");

        var shop = new ShopAgendaPageObject(owner);
        await shop.OpenAsync(Wednesday);
        await shop.NextAsync();
        await BrowserFixture.ExpectUrlAsync(owner, $"dia={Wednesday.PlusDays(1):yyyy-MM-dd}");
        foreach (var path in new[] { "/inicio", "/admin/servicios", "/admin/equipo", "/admin/local" })
            await BrowserFixture.GoToInteractiveAsync(owner, path);
        // A dialog opens through the circuit (MudBlazor's popover and its scripts under the policy).
        await BrowserFixture.GoToInteractiveAsync(owner, "/admin/servicios");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Nuevo servicio" }).ClickAsync();
        await Expect(owner.Locator(".mud-dialog")).ToBeVisibleAsync();
        watch.AssertClean(owner);

        var (admin, adminWatch) = await WatchedPageAsync(phone: false);
        await BrowserFixture.SignInAsync(admin, "admin@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(admin, "/admin/usuarios");
        adminWatch.AssertClean(admin);

        // Hangfire's dashboard (admins only) renders under the same policy: its recurring jobs list comes up.
        await admin.GotoAsync("/hangfire/recurring");
        await Expect(admin.GetByText("notifications-send").First).ToBeVisibleAsync();
        adminWatch.AssertClean(admin);
    }

    [Fact]
    public async Task ApiDocs_RenderUnderThePolicy_WithoutLoadingAnythingFromTheInternet()
    {
        var (page, watch) = await WatchedPageAsync(phone: false);

        await page.GotoAsync("/docs");

        // Scalar's UI is built by its script: the operations appear only if the script ran and read /openapi/v1.json.
        await Expect(page.GetByText("/api/v1/bookings").First).ToBeVisibleAsync();
        watch.AssertClean(page);
    }

    private async Task<(IPage Page, CspWatch Watch)> WatchedPageAsync(bool phone = true)
    {
        var page = await browser.NewPageAsync(phone);
        var watch = new CspWatch(browser.App.BaseAddress);
        await watch.AttachAsync(page);
        return (page, watch);
    }

    /// <summary>Collects CSP violations (console and securitypolicyviolation events), page errors and foreign requests.</summary>
    private sealed class CspWatch(Uri origin)
    {
        private readonly List<string> _violations = [];
        private readonly List<string> _errors = [];
        private readonly List<string> _foreign = [];

        public async Task AttachAsync(IPage page)
        {
            // Reported through the console too, so that violations before a full navigation are not lost.
            await page.Context.AddInitScriptAsync("""
                document.addEventListener('securitypolicyviolation', e =>
                    console.error('Content Security Policy violation: ' + e.effectiveDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
                """);
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                    lock (_violations) _violations.Add(message.Text);
            };
            page.PageError += (_, error) => { lock (_errors) _errors.Add(error); };
            page.Request += (_, request) =>
            {
                var url = request.Url;
                if (!url.StartsWith(origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) &&
                    !url.StartsWith("ws://" + origin.Authority, StringComparison.Ordinal) &&
                    !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
                    lock (_foreign) _foreign.Add(url);
            };
        }

        public void AssertClean(IPage page)
        {
            Assert.True(_violations.Count == 0, $"CSP violations on {page.Url}:\n{string.Join('\n', _violations)}");
            Assert.True(_errors.Count == 0, $"Script errors on {page.Url}:\n{string.Join('\n', _errors)}");
            Assert.True(_foreign.Count == 0, $"Requests outside the app from {page.Url}:\n{string.Join('\n', _foreign)}");
        }
    }
}
