using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Security;

/// <summary>
/// The headers of every kind of answer over real HTTP: pages (CSP with a nonce per request), the API (no-store when
/// authenticated) and static files; no Server header anywhere.
/// </summary>
public sealed partial class SecurityHeadersTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    /// <summary>Every page a person may open, signed in or not (a 404 page is an HTML answer too).</summary>
    private static readonly string[] Pages = ["/", "/local/barberpro-palermo", "/local/barberpro-palermo/reservar", "/cuenta/ingresar", "/cuenta/registro", "/no-existe"];

    [Fact]
    public async Task Pages_SendTheContentSecurityPolicy_WithTheImportMapsNonce_AndTheOtherPageHeaders()
    {
        using var client = app.CreateBrowserClient();
        foreach (var path in Pages)
        {
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);

            var csp = Directives(response);
            var nonce = Regex.Match(csp["script-src"], "'nonce-([^']+)'").Groups[1].Value;
            Assert.Equal($"'self' 'nonce-{nonce}'", csp["script-src"]);
            Assert.True(nonce.Length >= 22, path);
            // The only inline script, the import map, carries it; no other inline script exists.
            Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html);
            Assert.Equal(1, Regex.Count(html, "<script(?![^>]*\\bsrc=)[^>]*>"));
            Assert.Equal("'self' 'unsafe-inline'", csp["style-src"]);
            Assert.Equal($"'self' ws://{app.BaseAddress.Authority} wss://{app.BaseAddress.Authority}", csp["connect-src"]);
            Assert.Equal("'none'", csp["frame-ancestors"]);
            Assert.Equal("'none'", csp["object-src"]);
            Assert.Equal("'self'", csp["base-uri"]);
            Assert.Equal("'self'", csp["form-action"]);
            Assert.Equal("'self'", csp["default-src"]);
            Assert.DoesNotContain(csp, d => d.Value.Contains("unsafe-eval") || d.Value.Contains('*'));

            AssertCommonHeaders(response, path);
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            var permissions = Header(response, "Permissions-Policy");
            foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
                Assert.Contains(feature, permissions);
        }
    }

    [Fact]
    public async Task EveryPageAnswer_HasANewNonce()
    {
        using var client = app.CreateBrowserClient();
        var nonces = new HashSet<string>();
        for (var i = 0; i < 5; i++)
            nonces.Add(Directives(await client.GetAsync("/"))["script-src"]);
        Assert.Equal(5, nonces.Count);
    }

    [Fact]
    public async Task AuthenticatedApiAnswers_AreNoStore_Nosniff_AndLoadNothing()
    {
        using var client = await app.ClientForAsync("cliente@barberpro.local");
        var demo = await app.DemoAsync();
        string[] paths = ["/api/v1/bookings", $"/api/v1/providers/{demo.Diego}", "/api/v1/bookings/" + Guid.NewGuid()];
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            AssertCommonHeaders(response, path);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control {response.Headers.CacheControl}");
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        }

        // Anonymous API answers: the same nosniff, no Server header.
        using var anonymous = app.Client();
        var shops = await anonymous.GetAsync("/api/v1/shops");
        Assert.Equal(HttpStatusCode.OK, shops.StatusCode);
        AssertCommonHeaders(shops, "/api/v1/shops");
        var refused = await anonymous.GetAsync("/api/v1/bookings");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        AssertCommonHeaders(refused, "401");
    }

    [Fact]
    public async Task SignedInPages_AreNoStore()
    {
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, "cliente@barberpro.local", ApiWebApp.DemoPassword);

        var response = await client.GetAsync("/mis-turnos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task StaticFiles_AreNosniff_WithoutAServerHeader()
    {
        using var client = app.CreateBrowserClient();
        var html = await client.GetStringAsync("/");
        var files = Regex.Matches(html, "(?:href|src)=\"([^\"]+\\.(?:css|js|png))\"").Select(m => "/" + m.Groups[1].Value.TrimStart('/')).Distinct().ToList();
        Assert.True(files.Count >= 4, string.Join(", ", files));

        foreach (var file in files)
        {
            var response = await client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertCommonHeaders(response, file);
        }
    }

    [Fact]
    public async Task ApiDocs_LoadNoFontsFromTheInternet_AndTheirScriptsCarryTheNonce()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch("https?://", html);
        Assert.DoesNotContain("fonts.", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        var nonce = Regex.Match(Directives(response)["script-src"], "'nonce-([^']+)'").Groups[1].Value;
        var scripts = Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s.Value));
        // Its bundle is served by the app itself.
        var bundle = await client.GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        AssertCommonHeaders(bundle, "/docs/scalar.js");
    }

    private static void AssertCommonHeaders(HttpResponseMessage response, string what)
    {
        Assert.False(response.Headers.Contains("Server"), $"{what}: Server {string.Join(",", response.Headers.TryGetValues("Server", out var s) ? s : [])}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    internal static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.False(string.IsNullOrEmpty(csp), $"No Content-Security-Policy on {response.RequestMessage?.RequestUri}");
        return csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
    }
}
