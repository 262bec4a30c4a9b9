using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The owner pages over real HTTP: what the server prerenders for each demo account.</summary>
public sealed class OwnerPagesTests : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";
    private static readonly string[] DemoServices = ["Corte + barba", "Corte niño", "Barba", "Color"];
    private readonly BarberProWebApp _app;

    public OwnerPagesTests(BarberProWebApp app) => _app = app;

    [Theory]
    [InlineData("owner@barberpro.local")]
    [InlineData("admin@barberpro.local")]
    public async Task Services_ShopRunner_PrerendersTheDemoServicesWithPrices(string email)
    {
        using var client = await SignedInAsync(email);

        var response = await client.GetAsync("/admin/servicios");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1", html);
        Assert.Contains("Servicios", html);
        foreach (var service in DemoServices)
            Assert.Contains(service, html);
        Assert.Contains("$ 17.500", html);
        Assert.Contains("BarberPro Palermo", html);
    }

    [Theory]
    [InlineData("cliente@barberpro.local")]
    [InlineData("barbero1@barberpro.local")]
    public async Task Services_CustomerOrProvider_IsDenied_AndSeesNoService(string email)
    {
        using var client = await SignedInAsync(email);

        var response = await client.GetAsync("/admin/servicios");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Contains("/cuenta/acceso-denegado", response.Headers.Location!.ToString());
        else
            Assert.Contains("No tenés permiso para ver esta página.", html);
        Assert.DoesNotContain("Corte + barba", html);
        Assert.DoesNotContain("Corte niño", html);
        Assert.DoesNotContain("17.500", html);
    }

    [Fact]
    public async Task Services_ShopThatIsNotTheOwners_ShowsNotFound_AndNoService()
    {
        using var client = await SignedInAsync("owner@barberpro.local");

        var response = await client.GetAsync($"/admin/servicios?local={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("No encontrado", html);
        Assert.DoesNotContain("Corte + barba", html);
    }

    [Fact]
    public async Task Staff_Owner_ListsTheDemoBarbers_AndAnUnknownProviderIsNotFound()
    {
        using var client = await SignedInAsync("owner@barberpro.local");

        var staff = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/equipo"));
        var unknown = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/equipo/{Guid.NewGuid()}"));

        foreach (var barber in new[] { "Diego", "Fede", "Nacho", "barbero1@barberpro.local" })
            Assert.Contains(barber, staff);
        Assert.Contains("No encontrado", unknown);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.CreateBrowserClient();
        var response = await BarberProWebApp.SignInAsync(client, email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
