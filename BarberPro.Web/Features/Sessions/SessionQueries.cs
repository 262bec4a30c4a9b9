using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Sessions;

/// <summary>What the session pages read besides <see cref="Domain.Sessions.SessionService"/>: group services and shops by slug.</summary>
public sealed class SessionQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public sealed record GroupOffering(Guid Id, string Name, int Capacity, Duration Duration, decimal Price);

    public sealed record ShopRef(Guid Id, string Name, string Slug, DateTimeZone Zone);

    /// <summary>The active group services (capacity above 1) <paramref name="providerId"/> offers, by name.</summary>
    public async Task<IReadOnlyList<GroupOffering>> GroupOfferingsOfAsync(Guid providerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.Where(p => p.Id == providerId)
            .SelectMany(p => p.Offerings)
            .Where(Offering.Grouped).Where(o => o.Active)
            .OrderBy(o => o.Name)
            .Select(o => new GroupOffering(o.Id, o.Name, o.Capacity, o.Duration, o.Price))
            .ToListAsync(ct);
    }

    /// <summary>The ids of the shop's active group services.</summary>
    public async Task<IReadOnlySet<Guid>> GroupOfferingIdsAsync(Guid shopId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Offerings.Where(Offering.Grouped).Where(o => o.ShopId == shopId && o.Active).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
    }

    public async Task<ShopRef?> ShopAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, ct);
        return shop is null ? null : new ShopRef(shop.Id, shop.Name, shop.Slug, shop.TimeZone);
    }

    /// <summary>The customer page of a shop's group sessions, optionally for one service.</summary>
    public static string Href(string slug, Guid? offeringId = null) =>
        $"/local/{Uri.EscapeDataString(slug)}/clases" + (offeringId is { } id ? $"?servicio={id}" : "");

    /// <summary>The staff page of one session.</summary>
    public static string StaffHref(Guid sessionId) => $"/agenda/clases/{sessionId}";
}
