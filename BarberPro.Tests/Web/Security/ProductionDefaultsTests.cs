using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Security;

/// <summary>The app run as "Production" behind a TLS proxy: HTTPS redirection, HSTS, Secure cookies, no API docs.</summary>
public sealed class ProductionDefaultsTests(ProductionDefaultsTests.ProductionApp app) : IClassFixture<ProductionDefaultsTests.ProductionApp>
{
    private const string PublicHost = "turnos.barberpro.example";

    /// <summary>Production with appsettings.json as shipped plus the one required setting, the public address; a TLS proxy in front says the scheme in X-Forwarded-Proto.</summary>
    public class ProductionApp : BarberProWebApp
    {
        protected override string EnvironmentName => "Production";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders_Enabled"] = "true",
            ["App:PublicBaseUrl"] = $"https://{PublicHost}",
            ["https_port"] = "443",
            // On by default when deployed, the start-up warm-up would send its own requests beside these tests'.
            ["WarmUp:Enabled"] = "false",
        };
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cuenta/ingresar")]
    [InlineData("/api/v1/shops")]
    public async Task PlainHttp_IsRedirectedToHttps(string path)
    {
        using var client = Client(https: false);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{PublicHost}{path}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_SendsHstsForAYear_ForSubdomainsToo()
    {
        using var client = Client(https: true);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task EveryCookie_IsSecure_AndTheSessionCookiesAreHostOnly()
    {
        // Secure cookies are not sent back to http://127.0.0.1 by a cookie jar: this client carries them by hand.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Host = PublicHost;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var form = await client.GetAsync("/cuenta/ingresar");
        var antiforgery = SetCookies(form).Single(c => c.StartsWith("__Host-.AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/cuenta/ingresar")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "login",
                ["Input.Email"] = "cliente@barberpro.local",
                ["Input.Password"] = BrowserFixture.DemoPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signIn = await client.SendAsync(post);
        var culture = await client.GetAsync("/cultura?c=en");

        var cookies = new[] { form, signIn, culture }.SelectMany(SetCookies).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-barberpro.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies.Where(c => c.StartsWith("__Host-", StringComparison.Ordinal)), c =>
        {
            Assert.Contains("; path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [Theory]
    [InlineData("/docs/")]
    [InlineData("/docs/scalar.js")]
    [InlineData("/openapi/v1.json")]
    public async Task ApiDocs_AreOffByDefault(string path)
    {
        using var client = Client(https: true);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private HttpClient Client(bool https)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Host = PublicHost;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", https ? "https" : "http");
        return client;
    }
}

/// <summary>Production with <c>Api:PublicDocs</c> turned on: the docs are served, under the same policy.</summary>
public sealed class ProductionPublicDocsTests(ProductionPublicDocsTests.ProductionWithDocs app) : IClassFixture<ProductionPublicDocsTests.ProductionWithDocs>
{
    public sealed class ProductionWithDocs : BarberProWebApp
    {
        protected override string EnvironmentName => "Production";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:PublicDocs"] = "true",
            ["App:PublicBaseUrl"] = "https://turnos.barberpro.example",
        };
    }

    [Theory]
    [InlineData("/docs/")]
    [InlineData("/docs/scalar.js")]
    [InlineData("/openapi/v1.json")]
    public async Task ApiDocs_AreServed_WhenConfigured(string path)
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", SecurityHeadersTests.Header(response, "X-Content-Type-Options"));
    }
}
