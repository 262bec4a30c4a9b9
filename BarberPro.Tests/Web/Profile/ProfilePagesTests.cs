using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Profile;

/// <summary>The profile, data and privacy pages over Kestrel with a browser's cookies: who gets what, and the forms' answers.</summary>
public sealed class ProfilePagesTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private const string Customer = "cliente@barberpro.local";

    [Fact]
    public async Task PrivacyPage_IsPublic_AndSaysWhatWeKeepAndHowToAsk()
    {
        using var client = app.CreateBrowserClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/privacidad"));

        Assert.Contains("Ley 25.326", html);
        Assert.Contains("privacidad@barberpro.com.ar", html);
        Assert.Contains("Cuánto tiempo", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"privacidad\"", await client.GetStringAsync("/cuenta/registro"));
    }

    [Theory]
    [InlineData("/cuenta/perfil")]
    [InlineData("/cuenta/mis-datos")]
    [InlineData("/cuenta/eliminar")]
    [InlineData("/cuenta/mis-datos/descargar")]
    public async Task AccountPages_SendAnonymousVisitorsToSignIn(string path)
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("BarberPro2026", await response.Content.ReadAsStringAsync());
        if (response.Headers.Location is { } location)
            Assert.Contains("/cuenta/ingresar", location.ToString());
    }

    [Fact]
    public async Task Customer_SeesTheirProfileAndData_AndABadPhoneIsRefusedInSpanish()
    {
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, Customer, BrowserFixture.DemoPassword);

        var profile = await client.GetStringAsync("/cuenta/perfil");
        Assert.Contains("id=\"save-profile\"", profile);
        Assert.Contains("href=\"cuenta/avisos\"", profile);
        var data = await client.GetStringAsync("/cuenta/mis-datos");
        Assert.Contains("data-testid=\"my-data-bookings\"", data);
        var json = await client.GetAsync("/cuenta/mis-datos/descargar");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Customer, await json.Content.ReadAsStringAsync());

        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/perfil");
        var response = await client.PostAsync("/cuenta/perfil", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "profile",
            ["Input.FullName"] = "Cliente Demo",
            ["Input.Phone"] = "1234",
            ["Input.Email"] = Customer,
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"profile-errors\"", html);
        Assert.Contains("número", html);
    }
}
