using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>The analytics pages as the server first renders them, for each kind of user.</summary>
public sealed class AnalyticsPageTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private const string Password = "BarberPro2026!";

    private async Task<string> PageAsync(string email, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, email, Password);
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Owner_SeesTheShop_WithEveryBarberInTheFilter_AndTheExportLinks()
    {
        var html = await PageAsync("owner@barberpro.local", "/admin/analitica?rango=mes");

        Assert.Contains("Del 01/12/2026 al 31/12/2026, comparado con el 31/10/2026 al 30/11/2026.", html);
        Assert.Contains("id=\"provider-filter\"", html);
        Assert.Contains("Turnos reservados", html);
        Assert.Contains("/admin/analitica/exportar?local=", html);
        Assert.DoesNotContain("Estos son tus números", html);
    }

    [Fact]
    public async Task Barber_SeesOwnNumbers_WithoutTheBarberFilter()
    {
        var html = await PageAsync("barbero1@barberpro.local", "/agenda/analitica");

        Assert.Contains("Estos son tus números", html);
        Assert.DoesNotContain("id=\"provider-filter\"", html);
        Assert.Contains("/agenda/analitica/exportar?local=", html);
        Assert.Contains("Diego", html);
        Assert.DoesNotContain(">Fede<", html);
    }

    [Fact]
    public async Task Barber_LinkNamingAnotherBarber_IsIgnored_WithANotice()
    {
        var demo = await new ApiDemo(app).IdsAsync();

        var html = await PageAsync("barbero1@barberpro.local", $"/agenda/analitica?barbero={demo.Fede}");

        Assert.Contains("El enlace pedía un profesional o un servicio que no podés ver", html);
        Assert.Contains("Estos son tus números", html);
    }

    [Fact]
    public async Task BackwardsCustomRange_SaysWhy_InSpanish()
    {
        var html = await PageAsync("owner@barberpro.local", "/admin/analitica?rango=personalizado&desde=2026-12-20&hasta=2026-12-01");

        Assert.Contains("El rango de fechas no es válido", html);
        Assert.DoesNotContain("Turnos reservados", html);
    }

    [Fact]
    public async Task Customer_SeesNoFigures()
    {
        foreach (var path in new[] { "/admin/analitica", "/agenda/analitica" })
        {
            using var client = app.CreateBrowserClient();
            await BarberProWebApp.SignInAsync(client, "cliente@barberpro.local", Password);
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Turnos reservados", html);
            Assert.DoesNotContain("analytics-report", html);
        }
    }

    /// <summary>The demo shop's ids through the public API (no token needed).</summary>
    private sealed class ApiDemo(BarberProWebApp app)
    {
        public async Task<DemoIds> IdsAsync()
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            var shop = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<BarberPro.Web.Features.Api.ShopDetail>(client, "/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!;
            return new DemoIds(shop.Id, Id("Diego"), Id("Fede"), Id("Nacho"), Guid.Empty, Guid.Empty, Guid.Empty);
            Guid Id(string name) => shop.Providers.Single(p => p.DisplayName == name).Id;
        }
    }
}
