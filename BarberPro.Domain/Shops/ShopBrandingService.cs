using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>One of a shop's pictures without its bytes (they are served by id).</summary>
public sealed record ShopImageInfo(Guid Id, ShopImageKind Kind, int Width, int Height, string? Caption, int SortOrder);

/// <summary>How a shop looks: its accent colour ("#rrggbb" or null) and its pictures, each kind in its order.</summary>
public sealed record ShopBrand(Guid ShopId, string? AccentColor, ShopImageInfo? Logo, IReadOnlyList<ShopImageInfo> Place, IReadOnlyList<ShopImageInfo> Team)
{
    public static ShopBrand None(Guid shopId) => new(shopId, null, null, [], []);
}

/// <summary>A stored picture as the media endpoint serves it.</summary>
public sealed record ShopImageFile(Guid Id, string ContentType, byte[] Data);

/// <summary>
/// A shop's branding: accent colour, logo, photos of the place and the team. Anyone reads it (the public pages); only the
/// shop's owner and admins change it (<see cref="Access.CanRunShop"/>), anyone else gets not found and nothing changes.
/// Uploads go through <see cref="ShopImageProcessor"/>; a shop keeps one logo (a new one replaces it) and at most
/// <see cref="ShopImage.MaxPerKind"/> photos of each other kind.
/// </summary>
public sealed class ShopBrandingService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    public const string TooManyCode = "shop_image.too_many";

    /// <summary>The shop's branding for anyone to see; null when there is no such shop.</summary>
    public async Task<ShopBrand?> BrandAsync(Guid shopId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accent = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => new { s.AccentColor }).SingleOrDefaultAsync(ct);
        if (accent is null)
            return null;
        var images = await db.ShopImages.AsNoTracking().Where(i => i.ShopId == shopId)
            .Select(i => new ShopImageInfo(i.Id, i.Kind, i.Width, i.Height, i.Caption, i.SortOrder))
            .ToListAsync(ct);
        List<ShopImageInfo> Of(ShopImageKind kind) => images.Where(i => i.Kind == kind).OrderBy(i => i.SortOrder).ToList();
        return new ShopBrand(shopId, accent.AccentColor, Of(ShopImageKind.Logo).LastOrDefault(), Of(ShopImageKind.Place), Of(ShopImageKind.Team));
    }

    /// <summary>The picture's bytes when it belongs to <paramref name="shopId"/>; null otherwise.</summary>
    public async Task<ShopImageFile?> ImageAsync(Guid shopId, Guid imageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ShopImages.AsNoTracking().Where(i => i.Id == imageId && i.ShopId == shopId)
            .Select(i => new ShopImageFile(i.Id, i.ContentType, i.Data)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Sets the accent colour ("#rrggbb"; blank for the app's own).</summary>
    public async Task<Result<ShopBrand>> ChangeAccentColorAsync(Guid shopId, string? color, Actor actor, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
            if (shop is null || !Access.CanRunShop(actor, shop))
                return Result<ShopBrand>.NotFound();
            try
            {
                shop.ChangeAccentColor(color);
            }
            catch (DomainException e)
            {
                return e.Error;
            }
            await db.SaveChangesAsync(ct);
        }
        return Result<ShopBrand>.Ok((await BrandAsync(shopId, ct))!);
    }

    /// <summary>
    /// Adds a picture read from <paramref name="upload"/> (at most <see cref="ShopImageProcessor.MaxUploadBytes"/> are
    /// read; more is refused). A logo replaces the shop's logo; another kind goes last, refused when the shop already has
    /// <see cref="ShopImage.MaxPerKind"/> of it. The shop is checked before a byte is read.
    /// </summary>
    public async Task<Result<ShopImageInfo>> AddImageAsync(Guid shopId, ShopImageKind kind, Stream upload, string? caption, Actor actor, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind))
            return new DomainError("shop_image.kind", "Elegí qué muestra la imagen.", "Kind");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<ShopImageInfo>.NotFound();
        var existing = await db.ShopImages.Where(i => i.ShopId == shopId && i.Kind == kind).ToListAsync(ct);
        if (kind != ShopImageKind.Logo && existing.Count >= ShopImage.MaxPerKind)
            return new DomainError(TooManyCode, $"Ya hay {ShopImage.MaxPerKind} fotos de este tipo. Quitá alguna para subir otra.", "File");

        var bytes = await ReadAtMostAsync(upload, ShopImageProcessor.MaxUploadBytes, ct);
        if (bytes is null)
            return ShopImageProcessor.TooLarge();
        var processed = ShopImageProcessor.Process(bytes, kind);
        if (!processed.Succeeded)
            return processed.Error!;
        ShopImage image;
        try
        {
            image = new ShopImage(shopId, kind, processed.Value!.ContentType, processed.Value.Data, processed.Value.Width, processed.Value.Height,
                caption, existing.Count == 0 ? 0 : existing.Max(i => i.SortOrder) + 1, clock.GetCurrentInstant());
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        if (kind == ShopImageKind.Logo)
            db.ShopImages.RemoveRange(existing);
        db.ShopImages.Add(image);
        await db.SaveChangesAsync(ct);
        return Result<ShopImageInfo>.Ok(new ShopImageInfo(image.Id, image.Kind, image.Width, image.Height, image.Caption, image.SortOrder));
    }

    /// <summary>Removes one of the shop's pictures.</summary>
    public async Task<Result<bool>> RemoveImageAsync(Guid shopId, Guid imageId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        var image = await db.ShopImages.SingleOrDefaultAsync(i => i.Id == imageId && i.ShopId == shopId, ct);
        if (shop is null || image is null || !Access.CanRunShop(actor, shop))
            return Result<bool>.NotFound();
        db.ShopImages.Remove(image);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Moves a picture one place earlier (<paramref name="earlier"/>) or later among those of its kind; at an end it stays.</summary>
    public async Task<Result<IReadOnlyList<ShopImageInfo>>> MoveImageAsync(Guid shopId, Guid imageId, bool earlier, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        var image = await db.ShopImages.AsNoTracking().SingleOrDefaultAsync(i => i.Id == imageId && i.ShopId == shopId, ct);
        if (shop is null || image is null || !Access.CanRunShop(actor, shop))
            return Result<IReadOnlyList<ShopImageInfo>>.NotFound();
        var ordered = (await db.ShopImages.Where(i => i.ShopId == shopId && i.Kind == image.Kind).ToListAsync(ct))
            .OrderBy(i => i.SortOrder).ToList();
        var at = ordered.FindIndex(i => i.Id == imageId);
        var to = earlier ? at - 1 : at + 1;
        if (to >= 0 && to < ordered.Count)
        {
            (ordered[at], ordered[to]) = (ordered[to], ordered[at]);
            // Renumbered 0..n-1 in one save (one transaction); the order is the only thing a picture changes after upload.
            for (var i = 0; i < ordered.Count; i++)
                db.Entry(ordered[i]).Property(x => x.SortOrder).CurrentValue = i;
            await db.SaveChangesAsync(ct);
        }
        var list = await db.ShopImages.AsNoTracking().Where(i => i.ShopId == shopId && i.Kind == image.Kind)
            .OrderBy(i => i.SortOrder)
            .Select(i => new ShopImageInfo(i.Id, i.Kind, i.Width, i.Height, i.Caption, i.SortOrder)).ToListAsync(ct);
        return Result<IReadOnlyList<ShopImageInfo>>.Ok(list);
    }

    /// <summary>The stream's bytes, or null when it holds more than <paramref name="limit"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
