using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace BarberPro.Domain.Accounts;

/// <summary>An Identity account. Customers, providers, owners and admins all sign in as one of these.</summary>
public sealed class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";

    /// <summary>
    /// When an admin suspended the account; null while it may sign in. Distinct from Identity's lockout
    /// (<c>LockoutEnd</c>), which counts failed passwords and ends by itself. Changed only through
    /// <see cref="AccountAdministration"/>, which also renews the security stamp so open sessions end.
    /// </summary>
    public Instant? SuspendedAt { get; private set; }

    internal void Suspend(Instant now) => SuspendedAt ??= now;

    internal void Reinstate() => SuspendedAt = null;
}

/// <summary>The four roles. A user may hold several (an owner who also cuts hair is Owner and Provider).</summary>
public static class Roles
{
    public const string Customer = "Customer";
    public const string Provider = "Provider";
    public const string Owner = "Owner";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Customer, Provider, Owner, Admin];
}
