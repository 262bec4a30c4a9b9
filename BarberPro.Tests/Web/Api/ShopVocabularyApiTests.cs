using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Verticals;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// GET /api/v1/shops/{idOrSlug} says the words of the shop's vertical (so a phone app reads naturally), in the
/// request's language; the demo's three shops, one per vertical.
/// </summary>
public sealed class ShopVocabularyApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    [Fact]
    public async Task ListShops_HasTheThreeDemoShops_OnePerVertical()
    {
        using var client = app.Client();

        var shops = (await client.GetFromJsonAsync<List<ShopSummary>>("/api/v1/shops", ApiWebApp.Json))!;

        Assert.Equal(
            [("barberpro-palermo", "barber"), ("centro-medico-caballito", "doctor"), ("consultorio-belgrano", "psychologist")],
            shops.Select(s => (s.Slug, s.Vertical)));
    }

    [Theory]
    [InlineData("barberpro-palermo", "barbería", "barbero", "barberos", "servicio", "servicios", "cliente")]
    [InlineData("consultorio-belgrano", "consultorio", "profesional", "profesionales", "sesión", "sesiones", "paciente")]
    [InlineData("centro-medico-caballito", "centro médico", "médico", "médicos", "consulta", "consultas", "paciente")]
    public async Task GetShop_SaysTheVerticalsWords_InSpanish(string slug, string place, string provider, string providers,
        string service, string services, string customer)
    {
        using var client = app.Client();

        var shop = (await client.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{slug}", ApiWebApp.Json))!;

        Assert.Equal(new Vocabulary(place, provider, providers, service, services, customer, customer + "s", "turno"), shop.Vocabulary);
    }

    [Fact]
    public async Task GetShop_InEnglish_SaysTheVerticalsEnglishWords()
    {
        using var client = app.Client();

        var psychology = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/consultorio-belgrano?culture=en", ApiWebApp.Json))!;
        var barber = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo?culture=en", ApiWebApp.Json))!;

        Assert.Equal(new Vocabulary("practice", "therapist", "therapists", "session", "sessions", "patient", "patients", "appointment"), psychology.Vocabulary);
        Assert.Equal("barbershop", barber.Vocabulary!.Place);
        Assert.Equal("client", barber.Vocabulary.Customer);
    }

    [Fact]
    public async Task GetShop_Vocabulary_IsACamelCaseObject_AndListedInTheOpenApiDocument()
    {
        using var client = app.Client();

        using var shop = JsonDocument.Parse(await client.GetStringAsync("/api/v1/shops/centro-medico-caballito"));
        var vocabulary = shop.RootElement.GetProperty("vocabulary");
        Assert.Equal("centro médico", vocabulary.GetProperty("place").GetString());
        Assert.Equal("consulta", vocabulary.GetProperty("service").GetString());
        Assert.Equal("doctor", shop.RootElement.GetProperty("vertical").GetString());

        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"vocabulary\"", openApi);
        Assert.Contains("the shop's vocabulary", openApi);
    }
}
