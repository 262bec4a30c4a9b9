using System.Net;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>The sign-up form with a name past the limit: a Spanish message, never a 500.</summary>
public sealed class FormLimitsTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private async Task<HttpResponseMessage> RegisterAsync(string name)
    {
        using var client = app.CreateBrowserClient();
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/registro");
        return await client.PostAsync("/cuenta/registro", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.FullName"] = name,
            ["Input.Phone"] = "11 2345-6789",
            ["Input.Email"] = $"largo-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "Corte-2026",
        }));
    }

    [Fact]
    public async Task RegisterForm_FieldsCarryTheDomainsLimits()
    {
        using var client = app.CreateBrowserClient();

        var html = await client.GetStringAsync("/cuenta/registro");

        Assert.Matches("id=\"fullName\"[^>]*maxlength=\"120\"", html);
        Assert.Matches("id=\"phone\"[^>]*maxlength=\"40\"", html);
        Assert.Matches("id=\"email\"[^>]*maxlength=\"256\"", html);
    }

    [Fact]
    public async Task Register_NameOverTheLimit_ShowsTheSpanishMessage()
    {
        var response = await RegisterAsync(new string('a', 121));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ingresá nombre y apellido (entre 2 y 120 caracteres).", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>No browser sends this (the field has maxlength): the form reader refuses a 5 MB field with 400, never a 500.</summary>
    [Fact]
    public async Task Register_A5MbName_IsRefused_NotAServerError()
    {
        var response = await RegisterAsync(new string('a', 5 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
