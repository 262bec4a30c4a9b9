using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Api;

/// <summary>Public shop pages: anyone may list shops and see one's services and providers.</summary>
public static class ShopsApi
{
    public static IEndpointRouteBuilder MapShopsApi(this IEndpointRouteBuilder app)
    {
        var shops = app.MapGroup("/api/v1/shops").WithTags("Shops").ProducesProblem(StatusCodes.Status400BadRequest);

        shops.MapGet("/", ListShops)
            .WithName("ListShops")
            .WithSummary("List shops")
            .WithDescription("Every shop taking bookings, by name. Anonymous.")
            .WithResponseExample(StatusCodes.Status200OK, new[] { ApiExamples.Shop });

        shops.MapGet("/{shopId}", GetShop)
            .WithName("GetShop")
            .WithSummary("A shop with its services and providers")
            .WithDescription("By id or by slug (\"barberpro-palermo\"). Lists active services and active providers with the services each one does. Anonymous.")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.ShopDetail);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ShopSummary>>> ListShops(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ShopSummary>>(shops.Select(s => s.ToSummary()).ToList());
    }

    /// <param name="shopId">The shop's id (a GUID) or its slug.</param>
    public static async Task<Results<Ok<ShopDetail>, NotFoundProblem>> GetShop(string shopId, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = Guid.TryParse(shopId, out var id)
            ? await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
            : await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == shopId.ToLowerInvariant(), ct);
        if (shop is null)
            return ApiProblems.NotFound("No encontramos ese local.");

        var offerings = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shop.Id && o.Active).OrderBy(o => o.Name).ToListAsync(ct);
        var providers = await db.Providers.AsNoTracking().Include(p => p.Offerings)
            .Where(p => p.ShopId == shop.Id && p.Active).OrderBy(p => p.DisplayName).ToListAsync(ct);
        var active = offerings.Select(o => o.Id).ToHashSet();
        var s = shop.ToSummary();
        return TypedResults.Ok(new ShopDetail(s.Id, s.Name, s.Slug, s.TimeZone, s.Address, s.Phone, s.Currency, s.Vertical, shop.Policy.ToResponse(),
            offerings.Select(o => o.ToResponse(shop.Currency)).ToList(),
            providers.Select(p => new ProviderSummary(p.Id, p.DisplayName, p.PhotoUrl,
                p.Offerings.Where(o => active.Contains(o.Id)).Select(o => o.Id).Order().ToList())).ToList()));
    }
}
