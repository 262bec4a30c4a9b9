using System.Collections.Concurrent;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// GET /api/v1/shops/{id}'s answer without its vocabulary (which follows the request's language), kept in
/// <see cref="AgendaCache"/> under the shop's generation: a change to the shop, its offerings, its providers or which
/// provider does what, committed on this server, bumps it before the write returns. Other servers see such a change within
/// <see cref="AgendaCache.Lifetime"/> (catalog changes publish no booking event). docs/decisions/0015.
/// </summary>
public sealed class ShopDetailCache(AgendaCache cache, IDbContextFactory<BarberProDbContext> dbFactory)
{
    private readonly record struct Key(string IdOrSlug);

    /// <summary>What is cached: the detail, and the vertical its vocabulary comes from.</summary>
    public sealed record Cached(ShopDetail Detail, Vertical Vertical);

    /// <summary>Which shop an id or a slug named when it was last loaded, so the next load can be stamped before it reads.</summary>
    private readonly ConcurrentDictionary<string, Guid> _shopOf = new();

    /// <summary>The shop named by <paramref name="idOrSlug"/> (a GUID or a slug, any case); null when none.</summary>
    public async Task<Cached?> GetAsync(string idOrSlug, CancellationToken ct)
    {
        var key = new Key(idOrSlug.ToLowerInvariant());
        if (cache.TryGet<Cached>(key, out var hit))
            return hit;
        AgendaCache.Stamp? stamp = _shopOf.TryGetValue(key.IdOrSlug, out var known) ? cache.StampOf(known) : null;
        var loaded = await LoadAsync(key.IdOrSlug, ct);
        if (loaded is null)
            return null;
        if (stamp is { } s && known == loaded.Detail.Id)
            cache.Set(key, loaded, known, Guid.Empty, s);
        else
            _shopOf[key.IdOrSlug] = loaded.Detail.Id;
        return loaded;
    }

    private async Task<Cached?> LoadAsync(string idOrSlug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = Guid.TryParse(idOrSlug, out var id)
            ? await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
            : await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == idOrSlug, ct);
        if (shop is null)
            return null;

        var offerings = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shop.Id && o.Active).OrderBy(o => o.Name).ToListAsync(ct);
        var providers = await db.Providers.AsNoTracking().Include(p => p.Offerings)
            .Where(p => p.ShopId == shop.Id && p.Active).OrderBy(p => p.DisplayName).ToListAsync(ct);
        var active = offerings.Select(o => o.Id).ToHashSet();
        var s = shop.ToSummary();
        return new Cached(new ShopDetail(s.Id, s.Name, s.Slug, s.TimeZone, s.Address, s.Phone, s.Currency, s.Vertical, shop.Policy.ToResponse(),
            offerings.Select(o => o.ToResponse(shop.Currency)).ToList(),
            providers.Select(p => new ProviderSummary(p.Id, p.DisplayName, p.PhotoUrl,
                p.Offerings.Where(o => active.Contains(o.Id)).Select(o => o.Id).Order().ToList())).ToList()), shop.Vertical);
    }
}
