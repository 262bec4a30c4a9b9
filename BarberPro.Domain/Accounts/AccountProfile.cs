using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Accounts;

/// <summary>A person's own profile as they see and edit it. <paramref name="Phone"/> is E.164 (or empty for staff who gave none).</summary>
public sealed record ProfileView(string UserId, string FullName, string Email, bool EmailConfirmed, string Phone, IReadOnlyList<string> Roles, bool IsCustomer);

/// <summary>What a person sends to change their profile: name, phone and email (as typed).</summary>
public sealed record ProfileChange(string? FullName, string? Phone, string? Email);

/// <summary>The outcome of a profile change: the profile now, and whether the email changed (a confirmation link is due).</summary>
public sealed record ProfileChanged(ProfileView Profile, bool EmailChanged);

/// <summary>
/// A person edits their own account: name, phone (an Argentine mobile, required of customers since the shop reaches them
/// there, optional for staff), email (unique; a new one is unconfirmed until its link is opened, as at sign-up) and
/// password (the current one, then Identity's rules). The account and the customer record change together, in one
/// transaction. The profile page and <c>/api/v1/me</c> both call this; the user is always the signed-in one.
/// </summary>
/// <param name="db">The request's context, the same one Identity's stores use.</param>
public sealed class AccountProfile(UserManager<AppUser> users, BarberProDbContext db)
{
    /// <summary>The signed-in user's profile, or null when the account no longer exists.</summary>
    public async Task<ProfileView?> GetAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        return user is null ? null : await ViewAsync(user, ct);
    }

    /// <summary>
    /// Changes name, phone and email; on any error returns the field errors (Spanish, one per field) and changes nothing.
    /// </summary>
    public async Task<Result<ProfileChanged>> UpdateAsync(string userId, ProfileChange change, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Result<ProfileChanged>.NotFound();
        var isCustomer = await users.IsInRoleAsync(user, Roles.Customer);
        if (FieldErrors(change, phoneRequired: isCustomer) is [var first, ..])
            return first;
        var fullName = Customer.CleanFullName(change.FullName);
        string? phone = isCustomer || !string.IsNullOrWhiteSpace(change.Phone) ? ArgentinePhone.Normalize(change.Phone) : null;
        var email = change.Email!.Trim();
        var emailChanged = !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
        if (emailChanged && await users.FindByEmailAsync(email) is { } other && other.Id != user.Id)
            return new DomainError(CustomerRegistration.EmailTakenCode, "Ya existe una cuenta con ese email.", "Email");

        var failed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<DomainError?> (CancellationToken ct) =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var tracked = await users.FindByIdAsync(userId);
            if (tracked is null)
                return null;
            tracked.FullName = fullName;
            tracked.PhoneNumber = phone;
            if (emailChanged)
            {
                // Sign-in is by email: the user name follows it. SetEmailAsync marks the new one unconfirmed.
                await users.SetUserNameAsync(tracked, email);
                await users.SetEmailAsync(tracked, email);
            }
            var updated = await users.UpdateAsync(tracked);
            if (!updated.Succeeded)
                return new DomainError("account." + updated.Errors.First().Code, updated.Errors.First().Description, "Email");
            foreach (var customer in await db.Customers.Where(c => c.UserId == userId).ToListAsync(ct))
                customer.Update(fullName, phone ?? customer.Phone ?? "", email);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }, ct);
        if (failed is not null)
            return failed;
        db.ChangeTracker.Clear();
        var now = await users.FindByIdAsync(userId);
        return now is null ? Result<ProfileChanged>.NotFound() : Result<ProfileChanged>.Ok(new(await ViewAsync(now, ct), emailChanged));
    }

    /// <summary>
    /// Every field error of <see cref="UpdateAsync"/>'s input at once (for a form that shows them all); empty when it would be accepted
    /// as far as the fields go.
    /// </summary>
    public static IReadOnlyList<DomainError> FieldErrors(ProfileChange change, bool phoneRequired)
    {
        var errors = new List<DomainError>();
        try
        {
            Customer.CleanFullName(change.FullName);
        }
        catch (DomainException e)
        {
            errors.Add(e.Error);
        }
        if ((phoneRequired || !string.IsNullOrWhiteSpace(change.Phone)) && !ArgentinePhone.TryNormalize(change.Phone, out _, out var phoneError))
            errors.Add(phoneError!);
        if (!CustomerRegistration.IsEmail(change.Email?.Trim() ?? ""))
            errors.Add(new("account.email", "Ingresá un email válido, por ejemplo nombre@correo.com.", "Email"));
        return errors;
    }

    /// <summary>
    /// Changes the password: the current one must be right, the new one must pass Identity's rules (messages from
    /// <see cref="LocalizedIdentityErrorDescriber"/>). Returns the errors, empty when it changed (the security stamp
    /// changes with it, so the app's other sessions end).
    /// </summary>
    public async Task<Result<bool>> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Result<bool>.NotFound();
        if (string.IsNullOrEmpty(currentPassword))
            return new DomainError("account.current_password_required", "Ingresá tu contraseña actual.", "CurrentPassword");
        if (string.IsNullOrEmpty(newPassword))
            return new DomainError("account.password_required", "Ingresá una contraseña.", "NewPassword");
        if (!await users.CheckPasswordAsync(user, currentPassword))
            return new DomainError(WrongPasswordCode, "La contraseña actual no es correcta.", "CurrentPassword");
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
            return new DomainError("account.password", string.Join(" ", changed.Errors.Select(e => e.Description)), "NewPassword");
        return Result<bool>.Ok(true);
    }

    /// <summary>The code of the error for a wrong current password.</summary>
    public const string WrongPasswordCode = "account.wrong_password";

    private async Task<ProfileView> ViewAsync(AppUser user, CancellationToken ct)
    {
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == user.Id, ct);
        return new ProfileView(user.Id, user.FullName, user.Email ?? "", user.EmailConfirmed, customer?.Phone ?? user.PhoneNumber ?? "",
            roles, roles.Contains(Roles.Customer));
    }
}
