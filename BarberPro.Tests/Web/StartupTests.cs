using System.Net;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web;

public sealed class StartupTests : IClassFixture<BarberProWebApp>
{
    private readonly BarberProWebApp _app;

    public StartupTests(BarberProWebApp app) => _app = app;

    [Fact]
    public async Task FreshDatabase_AppBootsOnKestrel_AndServesHomePageOverHttp()
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"es\"", html);
        Assert.Contains("BarberPro Palermo", html);
        Assert.Contains("Corte + barba", html);
        Assert.Contains("$ 17.500", html);
        Assert.True(File.Exists(_app.DatabasePath));
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    public async Task StaticAssets_TheCircuitNeeds_AreServed(string path)
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Database_IsMigratedNotCreated_AndUsesWal()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToAsyncEnumerable().FirstAsync());
        // 2 = FULL: a commit is on disk before the booking is acknowledged.
        Assert.Equal(2, await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToAsyncEnumerable().FirstAsync());
    }

    [Fact]
    public async Task DemoSeed_RunTwice_AddsNothing()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var before = (await db.Users.CountAsync(), await db.Shops.CountAsync(), await db.Bookings.CountAsync(), await db.Customers.CountAsync());

        await _app.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        var after = (await db.Users.CountAsync(), await db.Shops.CountAsync(), await db.Bookings.CountAsync(), await db.Customers.CountAsync());
        Assert.Equal(before, after);
        // The six accounts of BarberPro Palermo, the past clients (no password), and the owner and professionals of
        // Consultorio Belgrano (1 + 2) and Centro Médico Caballito (1 + 3).
        Assert.Equal(6 + DemoClients.All.Count + 3 + 4, before.Item1);
        Assert.Equal(3, before.Item2);
        var shop = await db.Shops.SingleAsync(s => s.Slug == DemoShop.Slug);
        Assert.Equal(3, await db.Providers.CountAsync(p => p.ShopId == shop.Id));
        Assert.True(await db.Offerings.CountAsync(o => o.ShopId == shop.Id) >= 5);
        var now = _app.Clock.GetCurrentInstant();
        Assert.True(await db.Bookings.CountAsync(b => b.Start < now) > 50);
        Assert.True(await db.Bookings.CountAsync(b => b.Start > now) > 50);
    }

    [Fact]
    public async Task DemoBookings_NeverOverlapOnOneBarber()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        // What takes a barber's time: individual bookings that block it and open group sessions (their seats do not).
        var bookings = (await db.Bookings.AsNoTracking().ToListAsync()).Where(b => b.BlocksTime).Select(b => (b.ProviderId, b.BlockedStart, b.BlockedEnd));
        var sessions = (await db.GroupSessions.AsNoTracking().ToListAsync()).Where(s => s.BlocksTime).Select(s => (s.ProviderId, s.BlockedStart, s.BlockedEnd));
        Assert.NotEmpty(sessions);

        foreach (var agenda in bookings.Concat(sessions).GroupBy(b => b.ProviderId))
        {
            var ordered = agenda.OrderBy(b => b.BlockedStart).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i - 1].BlockedEnd <= ordered[i].BlockedStart);
        }
    }
}
