using Microsoft.AspNetCore.Identity;

namespace BarberPro.Domain.Accounts;

/// <summary>An Identity account. Customers, providers, owners and admins all sign in as one of these.</summary>
public sealed class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
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
