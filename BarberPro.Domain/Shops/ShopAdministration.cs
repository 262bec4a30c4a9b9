using System.Globalization;
using System.Text;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Shops;

/// <summary>What an admin fills in to open a shop. <see cref="OwnerName"/> is used only when the owner has no account yet.</summary>
public sealed record NewShop(string Name, string Slug, Vertical Vertical, string? Address, string? Phone, string OwnerEmail, string? OwnerName = null);

/// <summary>
/// A shop given to an owner. <see cref="Invited"/> is true when the owner's account was created for it, without a
/// usable password: the caller sends them a link to choose one (the password reset link).
/// </summary>
public sealed record OwnerAssigned(Shop Shop, AppUser Owner, bool Invited);

/// <summary>A shop as the admins' list shows it.</summary>
public sealed record AdminShopRow(Guid Id, string Name, string Slug, Vertical Vertical, string? Address, string? OwnerEmail, string? OwnerName);

/// <summary>
/// Admins open shops and give them to owners. A new shop starts with its vertical's defaults
/// (<see cref="VerticalProfile"/>: booking policy and services). Its owner is an existing account found by email (given
/// the Owner role if they lack it) or a new account made for them without a password. Anyone but an admin is refused
/// (<see cref="AdminOnlyCode"/>) and nothing changes.
/// </summary>
/// <param name="db">The request's context, the same one Identity's stores use.</param>
public sealed class ShopAdministration(UserManager<AppUser> users, BarberProDbContext db)
{
    public const string AdminOnlyCode = "shop.admin_only";
    public const string SlugTakenCode = "shop.slug_taken";

    /// <summary>A slug made from a shop's name: lower case, accents dropped, words joined by hyphens ("Peluquería Ñandú" → "peluqueria-nandu").</summary>
    public static string SuggestSlug(string? name)
    {
        var plain = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        var slug = string.Join('-', plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    /// <summary>Every shop with its vertical and owner, by name. Admins only (anyone else gets an empty list).</summary>
    public async Task<IReadOnlyList<AdminShopRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Admin)
            return [];
        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var ownerIds = shops.Where(s => s.OwnerUserId != null).Select(s => s.OwnerUserId!).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.FullName }).ToDictionaryAsync(u => u.Id, ct);
        return shops.Select(s =>
        {
            var owner = s.OwnerUserId is { } id ? owners.GetValueOrDefault(id) : null;
            return new AdminShopRow(s.Id, s.Name, s.Slug, s.Vertical, s.Address, owner?.Email, owner?.FullName);
        }).ToList();
    }

    /// <summary>
    /// Opens a shop with its vertical's policy and services and gives it to <see cref="NewShop.OwnerEmail"/>'s account
    /// (made when missing). Refused with a field-bound error for a bad name, slug (format or taken), address, phone or
    /// email; refused with <see cref="AdminOnlyCode"/> for anyone but an admin.
    /// </summary>
    public async Task<Result<OwnerAssigned>> CreateAsync(NewShop input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Admin)
            return AdminOnly();
        if (!Enum.IsDefined(input.Vertical))
            return new DomainError("shop.vertical", "Elegí el rubro del local.", "Vertical");
        Shop shop;
        IReadOnlyList<Offering> offerings;
        try
        {
            (shop, offerings) = ShopFactory.Build(input.Name, input.Slug, input.Vertical, null);
            shop.ChangeContact(input.Address, input.Phone);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        if (await db.Shops.AnyAsync(s => s.Slug == shop.Slug, ct))
            return SlugTaken();
        if (CheckEmail(input.OwnerEmail) is { } emailError)
            return emailError;

        return await InTransactionAsync(async () =>
        {
            var (owner, invited, error) = await OwnerAsync(input.OwnerEmail.Trim(), input.OwnerName ?? input.Name);
            if (error is not null)
                return error;
            shop.AssignOwner(owner!.Id);
            db.Shops.Add(shop);
            db.Offerings.AddRange(offerings);
            return Result<OwnerAssigned>.Ok(new OwnerAssigned(shop, owner, invited));
        }, shop.Slug, ct);
    }

    /// <summary>Gives the shop to another account (found by email, or made for them as in <see cref="CreateAsync"/>). Admins only.</summary>
    public async Task<Result<OwnerAssigned>> ChangeOwnerAsync(Guid shopId, string ownerEmail, string? ownerName, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Admin)
            return AdminOnly();
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
            return Result<OwnerAssigned>.NotFound();
        if (CheckEmail(ownerEmail) is { } emailError)
            return emailError;
        return await InTransactionAsync(async () =>
        {
            var (owner, invited, error) = await OwnerAsync(ownerEmail.Trim(), string.IsNullOrWhiteSpace(ownerName) ? shop.Name : ownerName);
            if (error is not null)
                return error;
            shop.AssignOwner(owner!.Id);
            return Result<OwnerAssigned>.Ok(new OwnerAssigned(shop, owner, invited));
        }, null, ct);
    }

    private static DomainError AdminOnly() => new(AdminOnlyCode, "Solo un administrador puede abrir locales o cambiar su dueño.");

    private static DomainError SlugTaken() => new(SlugTakenCode, "Ya hay un local con ese identificador. Elegí otro.", nameof(Shop.Slug));

    private static DomainError? CheckEmail(string? email)
    {
        email = email?.Trim() ?? "";
        return email.Length > Customer.MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            ? new DomainError("account.email", "Ingresá un email válido, por ejemplo nombre@correo.com.", "OwnerEmail")
            : null;
    }

    /// <summary>The account with that email (given the Owner role), or a new one without a password.</summary>
    private async Task<(AppUser? Owner, bool Invited, DomainError? Error)> OwnerAsync(string email, string name)
    {
        var user = await users.FindByEmailAsync(email);
        var invited = false;
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = PlainText.Name(name) };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                return (null, false, new DomainError("account.create_failed", string.Join(" ", created.Errors.Select(e => e.Description)), "OwnerEmail"));
            invited = true;
        }
        if (!await users.IsInRoleAsync(user, Roles.Owner))
        {
            var role = await users.AddToRoleAsync(user, Roles.Owner);
            if (!role.Succeeded)
                return (null, false, new DomainError("account.role", string.Join(" ", role.Errors.Select(e => e.Description))));
        }
        return (user, invited, null);
    }

    /// <summary>
    /// Runs <paramref name="work"/> and saves in one transaction under the provider's execution strategy (as
    /// <see cref="StaffAccounts"/> does); <paramref name="newSlug"/> taken in the meantime (the unique index) is refused as taken.
    /// </summary>
    private async Task<Result<OwnerAssigned>> InTransactionAsync(Func<Task<Result<OwnerAssigned>>> work, string? newSlug, CancellationToken ct)
    {
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work();
                if (!result.Succeeded)
                    return result;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return result;
            }, ct);
        }
        catch (DbUpdateException) when (newSlug is not null)
        {
            if (await db.Shops.AsNoTracking().AnyAsync(s => s.Slug == newSlug, ct))
                return SlugTaken();
            throw;
        }
    }
}
