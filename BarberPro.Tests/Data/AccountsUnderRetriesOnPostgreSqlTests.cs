using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Data;

/// <summary>
/// The account doors on PostgreSQL with the production default Database:MaxRetryCount (5, EF Core's retrying
/// execution strategy, which refuses a transaction begun outside it): registering, exchanging a refresh token and
/// hiring a barber each run their transaction under the strategy — before, each answered 500.
/// </summary>
public sealed class AccountsUnderRetriesOnPostgreSqlTests : IDisposable
{
    private sealed class App(IReadOnlyDictionary<string, string?> settings) : ApiWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings.Concat(settings));
    }

    private readonly (string Name, string ConnectionString) _database;
    private readonly App _app;

    public AccountsUnderRetriesOnPostgreSqlTests()
    {
        _database = Task.Run(PostgreSqlTestDatabase.CopyTemplateAsync).GetAwaiter().GetResult();
        _app = new App(PostgreSqlTestDatabase.Settings(_database.ConnectionString, maxRetryCount: 5));
    }

    public void Dispose()
    {
        _app.Dispose();
        Task.Run(() => PostgreSqlTestDatabase.DropAsync(_database.Name, _database.ConnectionString)).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Register_Refresh_AndHireABarber_SucceedUnderTheRetryingStrategy()
    {
        using var client = _app.Client();
        var email = $"reintentos-{Guid.NewGuid():N}@example.com";
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest("Cliente Reintentos", email, "+5491123456789", ApiWebApp.DemoPassword));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = ApiWebApp.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var refreshToken = (await token.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!.RefreshToken;
        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(refreshToken));
        Assert.True(refreshed.StatusCode == HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync());

        var demo = await _app.DemoAsync();
        using var owner = await _app.ClientForAsync("owner@barberpro.local");
        var hired = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/providers", new CreateProviderRequest(
            "Barbero Reintentos", $"barbero-{Guid.NewGuid():N}@example.com", "+5491123456789", ApiWebApp.DemoPassword, [demo.Corte]));
        Assert.True(hired.StatusCode == HttpStatusCode.Created, await hired.Content.ReadAsStringAsync());
    }
}
