using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>What a patient gives a shop that asks for it (<see cref="BookingPolicy.RequiresPatientDetails"/>), as typed: a DNI ("30.123.456") and an obra social, prepaga or "Particular".</summary>
public sealed record PatientDetails(string? NationalId, string? HealthInsurance)
{
    /// <summary>Nothing typed in either field.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(NationalId) && string.IsNullOrWhiteSpace(HealthInsurance);
}

/// <summary>
/// The one rule of patient details at booking: when a shop requires them, a customer books only once the shop's record of
/// them (<see cref="ShopCustomer"/>) holds a valid DNI and a health insurance — given with this booking or on record from
/// an earlier one. Staff booking for someone may record them and are never forced. Details given to a shop that does not
/// ask for them are not kept. Called by every path where a booking is made for a customer, inside its agenda write, so a
/// refusal books nothing.
/// </summary>
public static class PatientRecords
{
    public static readonly DomainError Required = new("patient.details_required",
        "Para reservar en este consultorio necesitamos tu DNI y tu obra social o prepaga (o \"Particular\").", "Patient");

    /// <summary>
    /// Records <paramref name="given"/> on the shop's record of <paramref name="customer"/> (written when
    /// <paramref name="db"/> saves) and says whether the booking may go on: null when it may, otherwise why not
    /// (<see cref="Required"/>, <see cref="ArgentineDni.Invalid"/>, <c>patient.health_insurance</c>).
    /// </summary>
    public static async Task<DomainError?> TakeAsync(BarberProDbContext db, Shop shop, Customer customer, PatientDetails? given, Actor actor,
        Instant now, CancellationToken ct = default)
    {
        if (!shop.Policy.RequiresPatientDetails)
            return null;
        var record = await RecordAsync(db, shop.Id, customer.Id, ct);
        if (given is { IsBlank: false })
        {
            if (ArgentineDni.TryParse(given.NationalId) is not { } dni)
                return ArgentineDni.Invalid;
            if (record is null)
            {
                // A customer booking here for the first time: the link the booking writes anyway, made now to hold the details.
                await ShopCustomers.LinkAsync(db, shop.Id, customer, now, ct);
                record = await RecordAsync(db, shop.Id, customer.Id, ct);
            }
            try
            {
                record!.SetPatientDetails(dni, given.HealthInsurance ?? "");
            }
            catch (DomainException e)
            {
                return e.Error;
            }
            return null;
        }
        if (actor.IsStaff)
            return null;
        return record is { NationalId: not null, HealthInsurance: not null } ? null : Required;
    }

    /// <summary>The DNI ("30.123.456") and health insurance the shop has on record for the customer; null when none.</summary>
    public static async Task<PatientDetails?> OnRecordAsync(BarberProDbContext db, Guid shopId, Guid customerId, CancellationToken ct = default)
    {
        var record = await db.ShopCustomers.AsNoTracking()
            .Where(l => l.ShopId == shopId && l.CustomerId == customerId && l.NationalId != null)
            .Select(l => new { l.NationalId, l.HealthInsurance })
            .SingleOrDefaultAsync(ct);
        return record is null ? null : new PatientDetails(ArgentineDni.TryParse(record.NationalId)?.ToString() ?? record.NationalId, record.HealthInsurance);
    }

    private static async Task<ShopCustomer?> RecordAsync(BarberProDbContext db, Guid shopId, Guid customerId, CancellationToken ct) =>
        db.ShopCustomers.Local.SingleOrDefault(l => l.ShopId == shopId && l.CustomerId == customerId)
        ?? await db.ShopCustomers.SingleOrDefaultAsync(l => l.ShopId == shopId && l.CustomerId == customerId, ct);
}

/// <summary>
/// Who sees a patient's DNI and health insurance: the patient themselves (to fill the booking form) and the staff of
/// the shop that holds the record (its owner, its professionals, admins) on that shop's bookings. Nobody else.
/// </summary>
public sealed class PatientDirectory(IDbContextFactory<BarberProDbContext> dbFactory)
{
    /// <summary>What <paramref name="shopId"/> has on record for the signed-in customer <paramref name="actor"/>; null when nothing (or not a customer).</summary>
    public async Task<PatientDetails?> MineAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Customer)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customerId = await db.Customers.Where(c => c.UserId == actor.UserId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        return customerId is { } id ? await PatientRecords.OnRecordAsync(db, shopId, id, ct) : null;
    }

    /// <summary>The patient details on record for the customer of <paramref name="bookingId"/>, for staff of the booking's shop; null for anyone else or when none.</summary>
    public async Task<PatientDetails?> OfBookingAsync(Guid bookingId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var booking = await db.Bookings.Where(b => b.Id == bookingId).Select(b => new { b.ShopId, b.CustomerId }).SingleOrDefaultAsync(ct);
        if (booking is null || !await ShopCustomers.IsStaffOfAsync(db, booking.ShopId, actor, ct))
            return null;
        return await PatientRecords.OnRecordAsync(db, booking.ShopId, booking.CustomerId, ct);
    }
}
