using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// GET /api/v1/bookings past its cap: 1,200 bookings in one window (four at each start, so the id breaks ties), walked
/// page by page through the next links: every booking once, in order, and a last page that says it is the last.
/// </summary>
public sealed class BookingListPagingTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Customer = "cliente@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";
    private const int Seeded = 1200;
    private const string Window = "?from=2028-03-01&to=2028-03-31";

    [Fact]
    public async Task Owner_WalksThePages_AndSeesEveryBookingOnce_InOrder()
    {
        var expected = await SeedAsync();
        using var owner = await app.ClientForAsync(Owner);

        var pages = await WalkAsync(owner, "/api/v1/bookings" + Window);

        Assert.Equal([500, 500, 200], pages.Select(p => p.Items.Count));
        Assert.All(pages[..^1], p => Assert.NotNull(p.Next));
        Assert.Null(pages[^1].Next);
        var items = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(expected.Count, items.Select(b => b.Id).Distinct().Count());
        Assert.Equal(expected.Order(), items.Select(b => b.Id).Order());
        Assert.Equal(items.OrderBy(b => b.Start).Select(b => b.Start), items.Select(b => b.Start));
    }

    [Fact]
    public async Task Provider_SmallPages_AndCustomer_AndStranger_SeeTheirScopeOnly()
    {
        var expected = await SeedAsync();
        var demo = await app.DemoAsync();
        using var fede = await app.ClientForAsync(Fede);
        using var customer = await app.ClientForAsync(Customer);
        var (_, strangerToken) = await app.NewCustomerAsync("paging");
        using var stranger = app.Client(strangerToken);

        var fedePages = await WalkAsync(fede, "/api/v1/bookings" + Window + "&limit=150");
        var customerItems = (await WalkAsync(customer, "/api/v1/bookings" + Window)).SelectMany(p => p.Items).ToList();
        var strangerPage = (await stranger.GetFromJsonAsync<BookingListResponse>("/api/v1/bookings" + Window, ApiWebApp.Json))!;

        var fedeItems = fedePages.SelectMany(p => p.Items).ToList();
        Assert.Equal(Seeded / 3, fedeItems.Count);
        Assert.Equal(3, fedePages.Count);
        Assert.All(fedeItems, b => Assert.Equal(demo.Fede, b.ProviderId));
        Assert.Equal(fedeItems.Count, fedeItems.Select(b => b.Id).Distinct().Count());
        Assert.Equal(expected.Order(), customerItems.Select(b => b.Id).Order());
        Assert.Empty(strangerPage.Items);
        Assert.Null(strangerPage.Next);
    }

    [Theory]
    [InlineData("&after=not-a-token", "after")]
    [InlineData("&limit=0", "limit")]
    [InlineData("&limit=501", "limit")]
    public async Task BadPagingParameters_Are422(string query, string field)
    {
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.GetAsync("/api/v1/bookings" + Window + query);

        await ProblemAssert.IsValidationAsync(response, field);
    }

    private static async Task<List<BookingListResponse>> WalkAsync(HttpClient client, string first)
    {
        var pages = new List<BookingListResponse>();
        for (var url = first; url is not null && pages.Count < 10;)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<BookingListResponse>(ApiWebApp.Json))!;
            pages.Add(page);
            url = page.Next;
        }
        return pages;
    }

    private static readonly SemaphoreSlim _seeding = new(1, 1);
    private static List<Guid>? _seeded;

    /// <summary>1,200 bookings of the demo customer in March 2028, four at each half hour, round the demo shop's three barbers.</summary>
    private async Task<List<Guid>> SeedAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_seeded is not null)
                return _seeded;
            var demo = await app.DemoAsync();
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
            var shop = await db.Shops.SingleAsync(s => s.Id == demo.ShopId);
            var providers = await db.Providers.Where(p => p.Id == demo.Diego || p.Id == demo.Fede || p.Id == demo.Nacho).OrderBy(p => p.DisplayName).ToListAsync();
            var corte = await db.Offerings.SingleAsync(o => o.Id == demo.Corte);
            var customer = await db.Customers.SingleAsync(c => c.Email == Customer);
            var first = TestAgenda.Local(new LocalDateTime(2028, 3, 1, 9, 0));
            var now = first - Duration.FromDays(30);
            var ids = new List<Guid>();
            for (var i = 0; i < Seeded; i++)
            {
                var booking = new Booking(shop, providers[i % 3], corte, customer, first + Duration.FromMinutes(30 * (i / 4)), null,
                    Actor.Customer(customer.UserId!), now);
                db.Bookings.Add(booking);
                ids.Add(booking.Id);
            }
            await db.SaveChangesAsync();
            return _seeded = ids;
        }
        finally
        {
            _seeding.Release();
        }
    }
}
