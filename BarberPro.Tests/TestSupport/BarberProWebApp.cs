using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
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
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(_folder, "barberpro.db");

    /// <summary>The app's clock, fixed at a Monday morning in Buenos Aires; tests may move it.</summary>
    public FakeClock Clock { get; } = new(TestAgenda.DefaultNow);

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

    /// <summary>Posts the sign-in form like a browser does.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/cuenta/ingresar");
        return await client.PostAsync("/cuenta/ingresar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
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
