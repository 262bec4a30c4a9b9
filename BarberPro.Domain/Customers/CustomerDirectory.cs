using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Customers;

/// <summary>Customers staff add by hand (walk-ins): found by phone, created when new; a name alone is enough.</summary>
public sealed class CustomerDirectory(IDbContextFactory<BarberProDbContext> dbFactory)
{
    /// <summary>
    /// The customer with this phone (any format people type), or a new one with this name. Staff only.
    /// An existing customer keeps their own name. Without a phone (walk-ins need only a name) a new customer is added.
    /// </summary>
    public async Task<Result<Customer>> FindOrAddWalkInAsync(string fullName, string? phone, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return Result<Customer>.NotFound();
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(phone) && !ArgentinePhone.TryNormalize(phone, out e164, out var error))
            return error!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = e164 is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.Phone == e164, ct);
        if (existing is not null)
            return Result<Customer>.Ok(existing);
        try
        {
            var customer = Customer.WalkIn(fullName, e164);
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
