using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>
/// Opens a new shop of a vertical with that vertical's defaults (<see cref="VerticalProfile"/>): its booking policy
/// and one offering per service template, which the owner then edits like any other.
/// </summary>
public static class ShopFactory
{
    /// <summary>
    /// Creates the shop named <paramref name="name"/> at <paramref name="slug"/> (trimmed, lower-cased) with
    /// <paramref name="vertical"/>'s policy and services, gives it to <paramref name="ownerUserId"/> when not null,
    /// and saves it. No staff and no hours: the owner adds them.
    /// </summary>
    /// <param name="now">When the shop is opened (kept for callers that stamp it; the shop itself records no date today).</param>
    /// <returns>The saved shop, its offerings in <see cref="BarberProDbContext.Offerings"/>.</returns>
    /// <exception cref="DomainException">
    /// An invalid name or slug (<c>shop.name</c>, <c>shop.slug</c>), a slug another shop has (<c>shop.slug_taken</c>)
    /// or a name another shop has, in any case (<c>shop.name_taken</c>). Nothing is saved.
    /// </exception>
    public static async Task<Shop> CreateAsync(BarberProDbContext db, string name, string slug, Vertical vertical,
        string? ownerUserId, Instant now, CancellationToken ct = default)
    {
        var (shop, offerings) = Build(name, slug, vertical, ownerUserId);
        if (await db.Shops.AnyAsync(s => s.Slug == shop.Slug, ct))
            throw new DomainException(SlugTaken(shop.Slug));
        var lowerName = shop.Name.ToLower();
        if (await db.Shops.AnyAsync(s => s.Name.ToLower() == lowerName, ct))
            throw new DomainException(NameTaken(shop.Name));

        db.Shops.Add(shop);
        db.Offerings.AddRange(offerings);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin opened a shop with the same slug between the check and the insert (the unique index said so).
            if (await SlugTakenMeanwhileAsync(db, shop, ct))
                throw new DomainException(SlugTaken(shop.Slug));
            throw;
        }
        return shop;
    }

    /// <summary>
    /// The shop and its offerings as <see cref="CreateAsync"/> makes them, not yet added nor checked for uniqueness: the
    /// one place a <see cref="VerticalProfile"/> becomes a shop (<see cref="ShopAdministration.CreateAsync"/> and the demo
    /// seed use it too). Throws <see cref="DomainException"/> for a bad name or slug.
    /// </summary>
    public static (Shop Shop, IReadOnlyList<Offering> Offerings) Build(string name, string slug, Vertical vertical, string? ownerUserId)
    {
        var profile = VerticalProfile.For(vertical);
        var shop = new Shop(name, slug, Shop.DefaultTimeZoneId, profile.Vertical, profile.DefaultPolicy);
        if (ownerUserId is not null)
            shop.AssignOwner(ownerUserId);
        var offerings = profile.Services
            .Select(t => new Offering(shop.Id, t.Name, t.Duration, t.Price, bufferAfter: t.BufferAfter, description: t.Description))
            .ToList();
        return (shop, offerings);
    }

    public static DomainError SlugTaken(string slug) =>
        new("shop.slug_taken", $"Ya hay un local con el identificador \"{slug}\". Elegí otro.", nameof(Shop.Slug));

    public static DomainError NameTaken(string name) =>
        new("shop.name_taken", $"Ya hay un local llamado \"{name}\". Elegí otro nombre.", nameof(Shop.Name));

    private static async Task<bool> SlugTakenMeanwhileAsync(BarberProDbContext db, Shop shop, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Shops.AnyAsync(s => s.Slug == shop.Slug && s.Id != shop.Id, ct);
    }
}
