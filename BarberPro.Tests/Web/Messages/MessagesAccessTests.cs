using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Messages;

/// <summary>The "Mensajes" page over real Kestrel: owners and admins get it, customers and barbers are turned away.</summary>
public sealed class MessagesAccessTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";

    [Theory]
    [InlineData("cliente@barberpro.local")]
    [InlineData("barbero1@barberpro.local")]
    public async Task CustomerOrBarber_IsTurnedAway(string email)
    {
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, email, DemoPassword);

        var response = await client.GetAsync("/admin/mensajes");

        Assert.True(BarberProWebApp.IsRedirectTo(response, "/cuenta/acceso-denegado"), $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var client = app.CreateBrowserClient();

        Assert.True(BarberProWebApp.IsRedirectTo(await client.GetAsync("/admin/mensajes"), "/cuenta/ingresar"));
    }

    [Theory]
    [InlineData("owner@barberpro.local")]
    [InlineData(BarberProWebApp.DemoAdminEmail)]
    public async Task OwnerOrAdmin_GetsThePage(string email)
    {
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, email, DemoPassword);

        var response = await client.GetAsync("/admin/mensajes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mensajes</h1>", await response.Content.ReadAsStringAsync());
    }
}
