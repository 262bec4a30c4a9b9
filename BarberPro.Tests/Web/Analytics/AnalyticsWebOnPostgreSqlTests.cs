using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Analytics;
using BarberPro.Web.Features.Api;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>The analytics page, the API and the streamed CSV on the app with Database:Provider=PostgreSQL and the demo data.</summary>
public sealed class AnalyticsWebOnPostgreSqlTests(PostgreSqlWebApp app) : IClassFixture<PostgreSqlWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Password = "BarberPro2026!";
    private static readonly LocalDate From = new(2026, 11, 16), To = new(2026, 12, 13);

    private async Task<(Guid ShopId, Actor Owner)> OwnerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<BarberPro.Domain.Accounts.AppUser>>().FindByEmailAsync(Owner);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var shop = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!;
        return (shop.Id, new Actor(user!.Id, ActorRole.Owner));
    }

    [Fact]
    public async Task Api_IsTheServicesReport()
    {
        var (shopId, owner) = await OwnerAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = Owner, password = Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!.AccessToken);

        var response = await client.GetAsync($"/api/v1/shops/{shopId}/analytics?from=2026-11-16&to=2026-12-13");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<AnalyticsResponse>(ApiWebApp.Json))!;
        var direct = await app.Services.GetRequiredService<AnalyticsService>().ReportAsync(new AnalyticsQuery(shopId, From, To), owner);
        Assert.Equal(JsonSerializer.Serialize(AnalyticsResponse.Of(direct.Value!), ApiWebApp.Json), JsonSerializer.Serialize(body, ApiWebApp.Json));
        Assert.True(body.Bookings.Completed > 0);
    }

    [Fact]
    public async Task PageAndCsv_Work_AndTheCsvHoldsEveryBooking()
    {
        var (shopId, owner) = await OwnerAsync();
        using var client = app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, Owner, Password);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/analitica?rango=personalizado&desde=2026-11-16&hasta=2026-12-13"));
        var csv = await client.GetAsync($"/admin/analitica/exportar?local={shopId}&desde=2026-11-16&hasta=2026-12-13");

        Assert.Contains("Del 16/11/2026 al 13/12/2026", page);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = await app.Services.GetRequiredService<AnalyticsService>().BookingsAsync(new AnalyticsQuery(shopId, From, To), owner);
        var expected = new HashSet<string>();
        await foreach (var row in rows.Value!)
            expected.Add(row.BookingId.ToString());
        using var reader = CsvReader.Create(await csv.Content.ReadAsByteArrayAsync(), new CsvReaderOptions { Separator = ';' });
        var read = new HashSet<string>();
        while (reader.Read())
            read.Add(reader.GetString("Turno"));
        Assert.NotEmpty(read);
        Assert.Equal(expected.Order(), read.Order());
    }
}
