using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Verticals;

/// <summary>
/// The staff pages of the demo's health practices over real HTTP, as their owners and professionals see them: in the
/// words of the shop's vertical, and only their own shop. The clock is Monday 2026-12-07 09:00.
/// </summary>
public sealed class VerticalStaffPagesTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";

    [Theory]
    [InlineData("consultorio@barberpro.local", "Consultorio Belgrano", "Nueva sesión", "Sesión individual")]
    [InlineData("centromedico@barberpro.local", "Centro Médico Caballito", "Nueva consulta", "Primera consulta")]
    public async Task Services_PracticeOwner_SeesTheirServices_InTheirVerticalsWords(string email, string shop, string newService, string service)
    {
        using var client = await SignedInAsync(email);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/servicios"));

        Assert.Contains(shop, html);
        Assert.Contains(newService, html);
        Assert.Contains(service, html);
        Assert.DoesNotContain("Nuevo servicio", html);
        Assert.DoesNotContain("BarberPro Palermo", html);   // not their shop
        Assert.DoesNotContain("Corte + barba", html);
    }

    [Fact]
    public async Task Settings_MedicalOwner_ReadsMedicalWords()
    {
        using var client = await SignedInAsync("centromedico@barberpro.local");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/local"));

        Assert.Contains("Configuración del centro médico", html);
        Assert.Contains("el paciente puede cancelar", html);
        Assert.Contains("ningún médico", html);
        Assert.DoesNotContain("barbero", html);
    }

    [Fact]
    public async Task Today_Psychologist_SeesTheirNextPatient()
    {
        using var client = await SignedInAsync("psicologo1@barberpro.local");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/agenda/hoy"));

        Assert.Contains("Próximo paciente", html);
        Assert.DoesNotContain("Próximo cliente", html);
    }

    [Fact]
    public async Task Home_ListsTheThreeShops_EachWithItsKindAndWords()
    {
        using var client = app.CreateBrowserClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Contains("Elegí el lugar, el profesional y el horario", html);   // three verticals: general words
        foreach (var shop in new[] { "BarberPro Palermo", "Consultorio Belgrano", "Centro Médico Caballito" })
            Assert.Contains(shop, html);
        foreach (var words in new[] { "barbería", "consultorio", "centro médico", "Sesiones", "Consultas", "Equipo médico" })
            Assert.Contains(words, html);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserClient();
        var response = await BarberProWebApp.SignInAsync(client, email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
