using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>
/// A customer of a shop: someone who booked there, or whom its staff added (a walk-in). A shop's staff see and book
/// only their shop's customers (<see cref="ShopCustomers"/>); this is also the shop's client book.
/// </summary>
public sealed class ShopCustomer
{
    private ShopCustomer() { }

    internal ShopCustomer(Guid shopId, Guid customerId, Instant since)
    {
        ShopId = shopId;
        CustomerId = customerId;
        Since = since;
    }

    public Guid ShopId { get; private set; }
    public Guid CustomerId { get; private set; }
    /// <summary>When the customer first booked at the shop or was added by its staff.</summary>
    public Instant Since { get; private set; }

    public const int MaxHealthInsuranceLength = 80;
    public const int MaxNotesLength = 2000;

    /// <summary>The shop's own notes on this client ("le gusta el degradé bajo"): its staff read them, never the client, never another shop.</summary>
    public string? Notes { get; private set; }

    /// <summary>When set, the client may not book this shop online (they must call); staff still book for them.</summary>
    public Instant? BlockedOnlineAt { get; private set; }

    /// <summary>Sets the shop's notes on this client (trimmed; blank clears them).</summary>
    public void ChangeNotes(string? notes)
    {
        notes = (notes ?? "").Trim();
        if (notes.Length > MaxNotesLength)
            throw new Common.DomainException(new("client.notes_too_long", $"Las notas pueden tener hasta {MaxNotesLength} caracteres.", nameof(Notes)));
        Notes = notes.Length == 0 ? null : notes;
    }

    /// <summary>Blocks (or unblocks) online booking for this client at this shop.</summary>
    public void BlockOnline(bool blocked, Instant now) => BlockedOnlineAt = blocked ? BlockedOnlineAt ?? now : null;

    /// <summary>
    /// Takes in the shop's record of another entry of the same person (a merge, <see cref="ClientBook.MergeAsync"/>):
    /// this one's notes first, then the other's; this one's patient details, else the other's; blocked online if either
    /// was (since the earlier block); a customer since the earlier of the two. Refused when the notes together pass
    /// <see cref="MaxNotesLength"/>.
    /// </summary>
    internal void Absorb(ShopCustomer other)
    {
        var notes = string.Join("\n\n", new[] { Notes, other.Notes }.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct());
        if (notes.Length > MaxNotesLength)
            throw new Common.DomainException(new("client.merge_notes_too_long",
                $"Las notas de los dos clientes juntas superan los {MaxNotesLength} caracteres: acortá alguna antes de unirlos.", nameof(Notes)));
        Notes = notes.Length == 0 ? null : notes;
        if (NationalId is null && HealthInsurance is null)
        {
            NationalId = other.NationalId;
            HealthInsurance = other.HealthInsurance;
        }
        if (other.BlockedOnlineAt is { } blocked && (BlockedOnlineAt is null || blocked < BlockedOnlineAt))
            BlockedOnlineAt = blocked;
        if (other.Since < Since)
            Since = other.Since;
    }

    /// <summary>Erases what the shop recorded of this person (data-rights deletion): notes and patient details.</summary>
    public void ErasePersonalData()
    {
        Notes = null;
        NationalId = null;
        HealthInsurance = null;
    }

    /// <summary>The patient's DNI as digits only (7 or 8), given to a shop that asks for it (<see cref="Shops.BookingPolicy.RequiresPatientDetails"/>); this shop's record only.</summary>
    public string? NationalId { get; private set; }

    /// <summary>The patient's obra social or prepaga ("Particular" when none), as they wrote it; this shop's record only.</summary>
    public string? HealthInsurance { get; private set; }

    /// <summary>Records the DNI (already validated: <see cref="ArgentineDni"/>) and the health insurance the patient gave this shop.</summary>
    public void SetPatientDetails(ArgentineDni nationalId, string healthInsurance)
    {
        var insurance = Common.PlainText.Name(healthInsurance);
        if (insurance.Length is < 2 or > MaxHealthInsuranceLength)
            throw new Common.DomainException(new("patient.health_insurance",
                $"Escribí tu obra social o prepaga (o \"Particular\"), de 2 a {MaxHealthInsuranceLength} caracteres.", nameof(HealthInsurance)));
        NationalId = nationalId.Digits;
        HealthInsurance = insurance;
    }
}

/// <summary>
/// The one rule of which customers a shop's staff may book for and see: the shop's own customers (those who booked
/// there, and those its staff added). Anyone else is answered exactly as a customer who does not exist.
/// </summary>
public static class ShopCustomers
{
    /// <summary>The customers of <paramref name="shopId"/>.</summary>
    public static IQueryable<Customer> Of(BarberProDbContext db, Guid shopId) =>
        db.Customers.Where(c => db.ShopCustomers.Any(l => l.ShopId == shopId && l.CustomerId == c.Id));

    /// <summary>The customer <paramref name="customerId"/> if they are a customer of <paramref name="shopId"/>; otherwise null, whether or not they exist.</summary>
    public static Task<Customer?> FindAsync(BarberProDbContext db, Guid shopId, Guid customerId, CancellationToken ct = default) =>
        Of(db, shopId).SingleOrDefaultAsync(c => c.Id == customerId, ct);

    /// <summary>
    /// Makes <paramref name="customer"/> a customer of <paramref name="shopId"/> (a booking there, or staff adding them),
    /// if not already; written when <paramref name="db"/> saves.
    /// </summary>
    public static async Task LinkAsync(BarberProDbContext db, Guid shopId, Customer customer, Instant now, CancellationToken ct = default)
    {
        if (db.ShopCustomers.Local.Any(l => l.ShopId == shopId && l.CustomerId == customer.Id)
            || await db.ShopCustomers.AnyAsync(l => l.ShopId == shopId && l.CustomerId == customer.Id, ct))
            return;
        db.ShopCustomers.Add(new ShopCustomer(shopId, customer.Id, now));
    }

    /// <summary>What a customer the shop blocked from booking online is told (they call the shop; its staff still book for them).</summary>
    public static readonly Common.DomainError BlockedOnline =
        new("booking.blocked_online", "Este local pide que reserves por teléfono: llamalo para sacar tu turno.", "CustomerId");

    /// <summary>
    /// The one rule of who may take a shop's time online (a booking, a series, a seat, a waitlist place): a customer acting
    /// for themselves, unless the shop blocked them (<see cref="ShopCustomer.BlockedOnlineAt"/>) — then
    /// <see cref="BlockedOnline"/>, and nothing is written. A customer new to the shop is linked to it (written when
    /// <paramref name="db"/> saves). Staff are not asked: they book only customers already linked, blocked or not.
    /// </summary>
    public static async Task<Common.DomainError?> AdmitOnlineAsync(BarberProDbContext db, Guid shopId, Customer customer, Actor actor, Instant now,
        CancellationToken ct = default)
    {
        if (actor.IsStaff)
            return null;
        var link = db.ShopCustomers.Local.FirstOrDefault(l => l.ShopId == shopId && l.CustomerId == customer.Id)
            ?? await db.ShopCustomers.SingleOrDefaultAsync(l => l.ShopId == shopId && l.CustomerId == customer.Id, ct);
        if (link is null)
        {
            db.ShopCustomers.Add(new ShopCustomer(shopId, customer.Id, now));
            return null;
        }
        return link.BlockedOnlineAt is null ? null : BlockedOnline;
    }

    /// <summary>Whether <paramref name="actor"/> works at <paramref name="shopId"/>: admins, its owner, its providers.</summary>
    public static Task<bool> IsStaffOfAsync(BarberProDbContext db, Guid shopId, Actor actor, CancellationToken ct = default) => actor.Role switch
    {
        ActorRole.Admin => db.Shops.AnyAsync(s => s.Id == shopId, ct),
        ActorRole.Owner => db.Shops.AnyAsync(s => s.Id == shopId && s.OwnerUserId == actor.UserId, ct),
        ActorRole.Provider => db.Providers.AnyAsync(p => p.ShopId == shopId && p.UserId == actor.UserId, ct),
        _ => Task.FromResult(false),
    };
}
