using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Web.Components;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Owner;

/// <summary>
/// Read-only lists for the owner and admin pages. Every query is limited to shops the actor runs
/// (<see cref="Access.CanRunShop"/>, the rule the domain services apply to writes); anything else reads as not found (null).
/// </summary>
public sealed class OwnerQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public sealed record ShopChoice(Guid Id, string Name, Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber);

    public sealed record ProviderRow(Guid Id, string Name, string? Email, bool Active, IReadOnlyList<string> Offerings);

    /// <summary>The shops <paramref name="actor"/> runs: an owner's own shops, every shop for an admin.</summary>
    public async Task<IReadOnlyList<ShopChoice>> ShopsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (ActorRole.Owner or ActorRole.Admin))
            return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shops = db.Shops.AsNoTracking();
        if (actor.Role == ActorRole.Owner)
            shops = shops.Where(s => s.OwnerUserId == actor.UserId);
        return await shops.OrderBy(s => s.Name).Select(s => new ShopChoice(s.Id, s.Name, s.Vertical)).ToListAsync(ct);
    }

    public async Task<Shop?> ShopAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        return shop is not null && Access.CanRunShop(actor, shop) ? shop : null;
    }

    /// <summary>The shop's offerings, active first, by name; null when the shop is not the actor's.</summary>
    public async Task<IReadOnlyList<Offering>?> OfferingsAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return null;
        var offerings = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shopId).ToListAsync(ct);
        return offerings.OrderByDescending(o => o.Active).ThenBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The shop's providers with their account email and services; null when the shop is not the actor's.</summary>
    public async Task<IReadOnlyList<ProviderRow>?> ProvidersAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return null;
        var providers = await db.Providers.AsNoTracking().Include(p => p.Offerings).Where(p => p.ShopId == shopId).ToListAsync(ct);
        var userIds = providers.Where(p => p.UserId is not null).Select(p => p.UserId!).ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return providers
            .OrderByDescending(p => p.Active).ThenBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new ProviderRow(p.Id, p.DisplayName, p.UserId is { } id ? emails.GetValueOrDefault(id) : null, p.Active,
                p.Offerings.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).Select(o => o.Name).ToList()))
            .ToList();
    }
}

/// <summary>The actor the owner pages act as: Admin when the user is one (sees every shop), otherwise Owner.</summary>
public static class ShopActor
{
    public static async Task<Actor?> ForShopPagesAsync(this CurrentUser currentUser) =>
        await currentUser.AsAsync(ActorRole.Admin) ?? await currentUser.AsAsync(ActorRole.Owner);
}
