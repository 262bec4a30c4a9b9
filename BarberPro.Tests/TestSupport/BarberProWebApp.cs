using System.Net;
using BarberPro.Domain.Accounts;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, with a fresh SQLite file of its own and the demo data.
/// Tests talk to it over real HTTP through <see cref="CreateBrowserClient"/>.
/// </summary>
public class BarberProWebApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "barberpro-web-tests", Guid.NewGuid().ToString("N"));

    public BarberProWebApp()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
        EnrolDemoAdminAsync().GetAwaiter().GetResult();
    }

    public const string DemoAdminEmail = "admin@barberpro.local";

    /// <summary>
    /// The demo admin's authenticator key in tests: admins must use two-factor sign-in, so every test app sets it up for
    /// the demo admin with this key, and <see cref="SignInAsync"/> / <see cref="ApiWebApp.TokenAsync"/> answer the code.
    /// </summary>
    public const string DemoAdminAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(_folder, "barberpro.db");

    /// <summary>The app's clock, fixed at a Monday morning in Buenos Aires; tests may move it.</summary>
    public FakeClock Clock { get; } = new(TestAgenda.DefaultNow);

    /// <summary>
    /// Limits so high that tests sharing an instance never meet them (every test client comes from 127.0.0.1);
    /// <see cref="Settings"/> may lower any of them.
    /// </summary>
    private static readonly Dictionary<string, string?> GenerousLimits = new()
    {
        ["RateLimiting:Token:PerIp"] = "100000",
        ["RateLimiting:Token:PerUser"] = "100000",
        ["RateLimiting:Register:PerIp"] = "100000",
        ["RateLimiting:Register:PerUser"] = "100000",
        ["RateLimiting:Account:PerIp"] = "100000",
        ["RateLimiting:Account:PerUser"] = "100000",
        ["Realtime:ConnectionsPerUser"] = "1000",
        ["Realtime:ConnectionsPerIp"] = "1000",
        ["Realtime:Invocations"] = "100000",
    };
    /// <summary>"Testing" (plain HTTP, the docs on); a subclass may run the app as "Production".</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>Extra configuration a subclass sets (read while the server starts, in the base constructor).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Outside Development the framework's and MudBlazor's static files come from the build's static web assets manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:BarberPro", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Seed", "true");
        foreach (var (key, value) in GenerousLimits)
            builder.UseSetting(key, value);
        // Tests read the API docs as a developer does; the production default (off) has tests of its own.
        if (EnvironmentName == "Testing")
            builder.UseSetting("Api:PublicDocs", "true");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    /// <summary>An HttpClient over the network to Kestrel, keeping cookies and not following redirects.</summary>
    public HttpClient CreateBrowserClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>GETs a static form page and returns its anti-forgery token.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"No anti-forgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>
    /// Posts the sign-in form like a browser does. For the demo admin (who signs in with two factors) it then answers
    /// the second step with the current code for <see cref="DemoAdminAuthenticatorKey"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var response = await PostSignInFormAsync(client, email, password);
        if (email == DemoAdminEmail && IsRedirectTo(response, "/cuenta/dos-pasos"))
            response = await PostTwoFactorCodeAsync(client, response.Headers.Location!, Totp.Now(DemoAdminAuthenticatorKey));
        return response;
    }

    /// <summary>Posts the sign-in form (only the first step).</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, string email, string password, bool rememberMe = false)
    {
        var token = await AntiforgeryTokenAsync(client, "/cuenta/ingresar");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        if (rememberMe)
            fields["Input.RememberMe"] = "true";
        return await client.PostAsync("/cuenta/ingresar", new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the second sign-in step (/cuenta/dos-pasos, as the first step redirected to it) with a code or recovery code.</summary>
    public static async Task<HttpResponseMessage> PostTwoFactorCodeAsync(HttpClient client, Uri stepLocation, string code, bool rememberDevice = false)
    {
        var path = stepLocation.IsAbsoluteUri ? stepLocation.PathAndQuery : stepLocation.OriginalString;
        var token = await AntiforgeryTokenAsync(client, path);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "two-factor-login",
            ["Input.Code"] = code,
        };
        if (rememberDevice)
            fields["Input.RememberDevice"] = "true";
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>True for a redirect whose target path starts with <paramref name="path"/>.</summary>
    public static bool IsRedirectTo(HttpResponseMessage response, string path)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
            return false;
        var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return target.StartsWith(path, StringComparison.Ordinal);
    }

    private async Task EnrolDemoAdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(DemoAdminEmail) is not { } admin)
            return;
        var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await store.SetAuthenticatorKeyAsync(admin, DemoAdminAuthenticatorKey, default);
        Assert.True((await users.SetTwoFactorEnabledAsync(admin, true)).Succeeded);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
