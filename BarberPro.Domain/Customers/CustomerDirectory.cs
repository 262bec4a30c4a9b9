using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Customers;

/// <summary>Customers staff add by hand (walk-ins): found by phone, created when new.</summary>
public sealed class CustomerDirectory(IDbContextFactory<BarberProDbContext> dbFactory)
{
    /// <summary>
    /// The customer with this phone (any format people type), or a new one with this name. Staff only.
    /// An existing customer keeps their own name.
    /// </summary>
    public async Task<Result<Customer>> FindOrAddWalkInAsync(string fullName, string phone, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return Result<Customer>.NotFound();
        if (!ArgentinePhone.TryNormalize(phone, out var e164, out var error))
            return error!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Customers.FirstOrDefaultAsync(c => c.Phone == e164, ct);
        if (existing is not null)
            return Result<Customer>.Ok(existing);
        try
        {
            var customer = new Customer(fullName, e164);
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            return Result<Customer>.Ok(customer);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }
}
