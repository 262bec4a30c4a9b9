using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (fresh SQLite file, demo data, fake clock) and Debian's chromium driven by Playwright,
/// headless. One per test class; each test opens its own browser contexts (separate cookies = separate people).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = "BarberPro2026!";

    private IPlaywright? _playwright;

    public BrowserFixture() => App = CreateApp();

    public BarberProWebApp App { get; }

    /// <summary>The app under test; a fixture that needs other settings (a mail server) starts its own.</summary>
    protected virtual BarberProWebApp CreateApp() => new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException("Debian's chromium is missing: run the README's test command (it installs it) or `apt-get install -y chromium`.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=es-AR"],
        });
    }

    /// <summary>A new person on a phone (390×844) or a desktop, in Spanish, in Buenos Aires.</summary>
    public async Task<IPage> NewPageAsync(bool phone = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "es-AR",
            TimezoneId = "America/Argentina/Buenos_Aires",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit handles clicks.</summary>
    public static async Task GoToInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#interactive-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Signs in through the real form; the demo admin (who must use two-factor sign-in) answers the second step with the
    /// current code of the test key, as a person would type it from their app.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/cuenta/ingresar");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await ExpectUrlWithoutAsync(page, "/cuenta/ingresar");
        }
        catch (PlaywrightException e)
        {
            // Say what the sign-in page answered (a refusal, a busy database), not only that it did not move on.
            var shown = await page.Locator("main").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new Xunit.Sdk.XunitException($"Signing in as {email} stayed on {page.Url}; the page says: {shown}", e);
        }
        if (email == BarberProWebApp.DemoAdminEmail && page.Url.Contains("/cuenta/dos-pasos"))
        {
            await page.FillAsync("#code", Totp.Now(BarberProWebApp.DemoAdminAuthenticatorKey));
            await page.ClickAsync("button[type=submit]");
            await ExpectUrlWithoutAsync(page, "/cuenta/dos-pasos");
        }
    }

    /// <summary>
    /// Waits until the page's address contains every one of <paramref name="parts"/>, with Playwright's web-first assertion,
    /// which polls the address. Never <c>WaitForURL</c> after a click: Blazor's NavigateTo is a history.replaceState a few
    /// milliseconds after the click, and when it lands between WaitForURL's first look at the address and its subscription
    /// to navigations, WaitForURL waits for a navigation that already happened (seen under load: the address already held
    /// the new day while the wait timed out).
    /// </summary>
    public static Task ExpectUrlAsync(IPage page, params string[] parts) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + string.Concat(parts.Select(p => $"(?=.*{Regex.Escape(p)})"))), UrlWait);

    /// <summary>Waits until the page's address no longer contains <paramref name="part"/> (see <see cref="ExpectUrlAsync"/>).</summary>
    public static Task ExpectUrlWithoutAsync(IPage page, string part) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex($"^(?!.*{Regex.Escape(part)})"), UrlWait);

    private static readonly PageAssertionsToHaveURLOptions UrlWait = new() { Timeout = 15_000 };

    /// <summary>Saves a screenshot to test-output/screenshots/{name}.png at the repository root.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Repository.PathOf("test-output", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}
