using BarberPro.Domain.Common;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace BarberPro.Domain.Accounts;

/// <summary>
/// What an admin changes on an account: suspend and reinstate it, clear a failed-password lockout, add or remove a
/// role, delete it. This is the one place those changes are made. Each change that takes something away (suspension,
/// a role removed) renews the user's security stamp, so it is gone from every session: the web cookie and open pages re-check the stamp every
/// 30 seconds, API access tokens every 10 seconds, and refresh tokens carry the stamp they were issued with and stop
/// at once (see docs/decisions/0004). Identity renews the stamp itself when a password is changed or reset, and a
/// deleted user has no stamp left to match.
/// </summary>
/// <param name="users">A UserManager of the caller's scope.</param>
public sealed class AccountAdministration(UserManager<AppUser> users, IClock clock)
{
    public const string NotFoundCode = "account.not_found";
    public const string KeepOwnAccessCode = "account.keep_own_access";
    public const string KeepOwnAdminCode = "account.keep_own_admin";

    /// <summary>Suspends the account (its sessions end; sign-in answers that it is suspended). Admins cannot suspend themselves.</summary>
    public Task<DomainError?> SuspendAsync(string userId, string byUserId) => ChangeAsync(userId, user =>
    {
        if (user.Id == byUserId)
            return Task.FromResult<DomainError?>(KeepOwnAccess());
        user.Suspend(clock.GetCurrentInstant());
        return Task.FromResult<DomainError?>(null);
    }, renewStamp: true);

    /// <summary>Lifts a suspension.</summary>
    public Task<DomainError?> ReinstateAsync(string userId) => ChangeAsync(userId, user =>
    {
        user.Reinstate();
        return Task.FromResult<DomainError?>(null);
    }, renewStamp: false);

    /// <summary>Ends a lockout for failed passwords now and forgets the failures.</summary>
    public Task<DomainError?> ClearLockoutAsync(string userId) => ChangeAsync(userId, async user =>
    {
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
            result = await users.ResetAccessFailedCountAsync(user);
        return ToError(result);
    }, renewStamp: false);

    /// <summary>Adds or removes one of <see cref="Roles.All"/>. Admins cannot remove their own Admin role.</summary>
    public Task<DomainError?> SetRoleAsync(string userId, string role, bool on, string byUserId) => ChangeAsync(userId, async user =>
    {
        if (!Roles.All.Contains(role))
            return new DomainError("account.role_unknown", "Ese rol no existe.");
        if (!on && role == Roles.Admin && user.Id == byUserId)
            return new DomainError(KeepOwnAdminCode, "No podés quitarte tu propio rol de administrador.");
        var has = await users.IsInRoleAsync(user, role);
        if (has == on)
            return null;
        return ToError(on ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role));
    }, renewStamp: !on);

    /// <summary>
    /// Deletes the account. Its customer or provider record stays (unlinked), with its bookings; its refresh tokens
    /// and idempotency keys go with it. Admins cannot delete themselves.
    /// </summary>
    public async Task<DomainError?> DeleteAsync(string userId, string byUserId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return NotFound();
        if (user.Id == byUserId)
            return KeepOwnAccess();
        return ToError(await users.DeleteAsync(user));
    }

    /// <param name="renewStamp">
    /// True when the change takes something away. Giving something back (a role added, a suspension lifted) keeps
    /// the user's other sessions: a cookie picks up a new role at its next check, an access token at its next refresh.
    /// </param>
    private async Task<DomainError?> ChangeAsync(string userId, Func<AppUser, Task<DomainError?>> change, bool renewStamp)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return NotFound();
        if (await change(user) is { } error)
            return error;
        // Either call saves the change above too.
        return ToError(renewStamp ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user));
    }

    private static DomainError NotFound() => new(NotFoundCode, "No encontramos esa cuenta.");

    private static DomainError KeepOwnAccess() => new(KeepOwnAccessCode, "No podés suspender ni eliminar tu propia cuenta.");

    private static DomainError? ToError(IdentityResult result) =>
        result.Succeeded ? null : new DomainError("account.change_failed", string.Join(" ", result.Errors.Select(e => e.Description)));
}
