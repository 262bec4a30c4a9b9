using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Catalog;

/// <summary>What an owner fills in for a service.</summary>
public sealed record OfferingDraft(string Name, Duration Duration, decimal Price, Duration BufferBefore, Duration BufferAfter, int Capacity = 1, string? Description = null);

/// <summary>A shop's offerings: create, edit, deactivate. Owners of the shop and admins only.</summary>
public sealed class CatalogService(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public async Task<Result<Offering>> CreateAsync(Guid shopId, OfferingDraft draft, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<Offering>.NotFound();
        try
        {
            var offering = new Offering(shopId, draft.Name, draft.Duration, draft.Price, draft.BufferBefore, draft.BufferAfter, draft.Capacity, draft.Description);
            db.Offerings.Add(offering);
            await db.SaveChangesAsync(ct);
            return Result<Offering>.Ok(offering);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }

    public async Task<Result<Offering>> UpdateAsync(Guid offeringId, OfferingDraft draft, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offering = await db.Offerings.Include(o => o.Shop).SingleOrDefaultAsync(o => o.Id == offeringId, ct);
        if (offering is null || !Access.CanRunShop(actor, offering.Shop!))
            return Result<Offering>.NotFound();
        try
        {
            offering.Update(draft.Name, draft.Duration, draft.Price, draft.BufferBefore, draft.BufferAfter, draft.Capacity, draft.Description);
            await db.SaveChangesAsync(ct);
            return Result<Offering>.Ok(offering);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }

    /// <summary>Deactivated offerings are not bookable; existing bookings keep them.</summary>
    public async Task<Result<Offering>> SetActiveAsync(Guid offeringId, bool active, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offering = await db.Offerings.Include(o => o.Shop).SingleOrDefaultAsync(o => o.Id == offeringId, ct);
        if (offering is null || !Access.CanRunShop(actor, offering.Shop!))
            return Result<Offering>.NotFound();
        if (active) offering.Activate(); else offering.Deactivate();
        await db.SaveChangesAsync(ct);
        return Result<Offering>.Ok(offering);
    }
}
