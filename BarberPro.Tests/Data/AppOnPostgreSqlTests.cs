using System.Net;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Data;

/// <summary>The whole app with Database:Provider=PostgreSQL: it migrates, seeds the demo shop and serves pages.</summary>
public sealed class AppOnPostgreSqlTests(PostgreSqlWebApp app) : IClassFixture<PostgreSqlWebApp>
{
    [Fact]
    public async Task App_RunsOnPostgreSql_MigratedAndSeeded()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();

        Assert.IsType<PostgreSqlBarberProDbContext>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Shops.AnyAsync(s => s.Slug == DemoShop.Slug));
        Assert.True(await db.Bookings.CountAsync() > 100);
    }

    [Fact]
    public async Task HomePage_AndSignIn_WorkOverHttp()
    {
        using var client = app.CreateBrowserClient();

        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var signIn = await BarberProWebApp.SignInAsync(client, "owner@barberpro.local", "BarberPro2026!");

        Assert.Contains("BarberPro Palermo", home);
        Assert.Contains("$ 17.500", home);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/inicio", signIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
    }
}
