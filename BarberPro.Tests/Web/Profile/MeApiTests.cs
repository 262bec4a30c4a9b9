using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Profile;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Profile;

/// <summary>/api/v1/me over HTTP: profile, password, and who gets what.</summary>
public sealed class MeApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = "Corte-2026";

    private async Task<(string Email, HttpClient Client)> RegisterAsync(string name = "Ana Suárez", string phone = "011 15-4444-5555")
    {
        using var anonymous = app.Client();
        var email = $"ana-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(name, email, phone, Password))).StatusCode);
        return (email, app.Client(await app.TokenAsync(email, Password)));
    }

    [Fact]
    public async Task GetMe_ReturnsTheCallersProfile_AndNoTokenIs401()
    {
        var (email, client) = await RegisterAsync();
        using (client)
        {
            var me = (await client.GetFromJsonAsync<MeResponse>("/api/v1/me", ApiWebApp.Json))!;
            Assert.Equal("Ana Suárez", me.FullName);
            Assert.Equal(email, me.Email);
            Assert.Equal("+5491144445555", me.Phone);
            Assert.Equal(["Customer"], me.Roles);
        }
        using var anonymous = app.Client();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PutMe_NewPhone_IsStoredAsMobile_OnAccountAndCustomer()
    {
        var (email, client) = await RegisterAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync("/api/v1/me", new MeRequest("Ana María Suárez", "351 15 555-1234", email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = (await response.Content.ReadFromJsonAsync<MeResponse>(ApiWebApp.Json))!;
        Assert.Equal("+5493515551234", me.Phone);
        Assert.Equal("Ana María Suárez", me.FullName);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var customer = await db.Customers.SingleAsync(c => c.UserId == user.Id);
        Assert.Equal(("+5493515551234", "Ana María Suárez"), (customer.Phone, customer.FullName));
        Assert.Equal("+5493515551234", user.PhoneNumber);
    }

    [Fact]
    public async Task PutMe_BadPhoneOrName_Is422_AndNothingChanges()
    {
        var (email, client) = await RegisterAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync("/api/v1/me", new MeRequest("A", "1234", email));

        var problem = await ProblemAssert.IsValidationAsync(response, "fullName", "phone");
        Assert.Contains("número", problem.GetProperty("errors").GetProperty("phone")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        var me = (await client.GetFromJsonAsync<MeResponse>("/api/v1/me", ApiWebApp.Json))!;
        Assert.Equal(("Ana Suárez", "+5491144445555"), (me.FullName, me.Phone));
    }

    [Fact]
    public async Task PutMe_AnotherAccountsEmail_Is422_EmailTaken()
    {
        var (other, otherClient) = await RegisterAsync();
        otherClient.Dispose();
        var (email, client) = await RegisterAsync();
        using var _ = client;

        var response = await client.PutAsJsonAsync("/api/v1/me", new MeRequest("Ana Suárez", "11 4444-5555", other.ToUpperInvariant()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "account.email_taken");
        Assert.Equal(email, (await client.GetFromJsonAsync<MeResponse>("/api/v1/me", ApiWebApp.Json))!.Email);
    }

    [Fact]
    public async Task PutMe_NewEmail_SignsInWithIt_IsUnconfirmed_AndAConfirmationLinkIsQueued()
    {
        var (email, client) = await RegisterAsync();
        using var _ = client;
        var newEmail = $"nueva-{Guid.NewGuid():N}@example.com";

        var me = (await (await client.PutAsJsonAsync("/api/v1/me", new MeRequest("Ana Suárez", "11 4444-5555", newEmail))).Content.ReadFromJsonAsync<MeResponse>(ApiWebApp.Json))!;

        Assert.Equal(newEmail, me.Email);
        Assert.False(me.EmailConfirmed);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.Recipient == newEmail && n.Kind == BarberPro.Domain.Notifications.NotificationKind.AccountEmailConfirmation));
        Assert.Equal(newEmail, (await db.Customers.SingleAsync(c => c.UserId == me.UserId)).Email);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(newEmail, Password))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password))).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_Is422_WeakNew_Is422InSpanish_RightOne_Is204()
    {
        var (email, client) = await RegisterAsync();
        using var _ = client;

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/me/password", new PasswordChangeRequest("nope", "Nueva-2027")),
            HttpStatusCode.UnprocessableEntity, "account.wrong_password");
        var weak = await ProblemAssert.IsValidationAsync(await client.PostAsJsonAsync("/api/v1/me/password", new PasswordChangeRequest(Password, "abc")), "newPassword");
        Assert.Contains("contraseña", weak.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/me/password", new PasswordChangeRequest(Password, "Nueva-2027"))).StatusCode);

        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Nueva-2027"))).StatusCode);
    }

    [Fact]
    public async Task Staff_EditTheirNameWithoutPhone_ButGetNoCustomerData_AndCannotDeleteTheirAccount()
    {
        using var owner = await app.ClientForAsync("owner@barberpro.local");
        var me = (await owner.GetFromJsonAsync<MeResponse>("/api/v1/me", ApiWebApp.Json))!;
        Assert.Contains("Owner", me.Roles);

        var renamed = await owner.PutAsJsonAsync("/api/v1/me", new MeRequest(me.FullName + " Jr", "", me.Email));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(me.FullName + " Jr", (await renamed.Content.ReadFromJsonAsync<MeResponse>(ApiWebApp.Json))!.FullName);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/me", new MeRequest(me.FullName, me.Phone, me.Email))).StatusCode);

        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/me/data"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync("/api/v1/me/deletion", new AccountDeletionRequest(ApiWebApp.DemoPassword)),
            HttpStatusCode.Forbidden, "account.staff_delete");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task GetMyData_NamesEveryServiceOfAVisit()
    {
        var demo = await app.DemoAsync();
        var (_, client) = await RegisterAsync("Beto Visita", "11 4777-6666");
        using var _c = client;
        var booked = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, null, ApiWebApp.At(new LocalDate(2027, 1, 19), 10), null, null,
            ServiceIds: [demo.Corte, demo.Barba]));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var json = await client.GetStringAsync("/api/v1/me/data");

        Assert.Contains("Corte + Barba", json);
    }

    [Fact]
    public async Task GetMyData_IsTheCallersOnly_AndIsLogged()
    {
        var (_, client) = await RegisterAsync();
        using var _c = client;
        var (_, otherClient) = await RegisterAsync("Otra Persona", "11 4999-8888");
        using var _o = otherClient;

        var json = await client.GetStringAsync("/api/v1/me/data");

        Assert.Contains("Ana Suárez", json);
        Assert.DoesNotContain("Otra Persona", json);
        var export = JsonSerializer.Deserialize<MyDataExport>(json, ApiWebApp.Json)!;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var customerId = export.CustomerRecords.Single().Id;
        Assert.True(await db.DataRightsRecords.AnyAsync(r => r.CustomerId == customerId && r.Action == DataRightsAction.Export));
    }

    [Fact]
    public async Task Deletion_WrongPassword_Is422_AndNothingChanges()
    {
        var (email, client) = await RegisterAsync();
        using var _ = client;

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/me/deletion", new AccountDeletionRequest("otra")),
            HttpStatusCode.UnprocessableEntity, "account.wrong_password");

        Assert.Equal("Ana Suárez", (await client.GetFromJsonAsync<MeResponse>("/api/v1/me", ApiWebApp.Json))!.FullName);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password))).StatusCode);
    }
}
