using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>
/// Customers staff add by hand (walk-ins): found by phone among the shop's customers, created when new; a name alone is
/// enough. Whoever staff add becomes a customer of their shop (<see cref="ShopCustomers"/>).
/// </summary>
public sealed class CustomerDirectory(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    /// <summary>
    /// The customer of <paramref name="shopId"/> with this phone (any format people type), or a new one with this name,
    /// added to the shop's customers. Staff of that shop only (others get NotFound). An existing customer keeps their
    /// own name. A phone that only another shop's customer has gives a new customer: staff never learn who else has it.
    /// Without a phone (walk-ins need only a name) a new customer is added.
    /// </summary>
    public async Task<Result<Customer>> FindOrAddWalkInAsync(Guid shopId, string fullName, string? phone, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return Result<Customer>.NotFound();
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(phone) && !ArgentinePhone.TryNormalize(phone, out e164, out var error))
            return error!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await ShopCustomers.IsStaffOfAsync(db, shopId, actor, ct))
            return Result<Customer>.NotFound();
        var existing = e164 is null ? null : await ShopCustomers.Of(db, shopId).FirstOrDefaultAsync(c => c.Phone == e164, ct);
        if (existing is not null)
            return Result<Customer>.Ok(existing);
        try
        {
            var customer = Customer.WalkIn(fullName, e164);
            db.Customers.Add(customer);
            await ShopCustomers.LinkAsync(db, shopId, customer, clock.GetCurrentInstant(), ct);
            await db.SaveChangesAsync(ct);
            return Result<Customer>.Ok(customer);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }
}
