using System.Security.Claims;
using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// Adds the person's full name to the sign-in cookie so pages can greet them without a query, and marks staff who must
/// set up two-factor sign-in and have not (<see cref="TwoFactorEnrolment"/>).
/// </summary>
internal sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    StaffTwoFactorRule twoFactorRule)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string FullNameClaim = "barberpro:full_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.FullName))
            identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (!user.TwoFactorEnabled && await twoFactorRule.IsRequiredAsync(user.Id, identity.FindAll(identity.RoleClaimType).Select(c => c.Value).ToList()))
            identity.AddClaim(new Claim(TwoFactorEnrolment.RequiredClaim, "true"));
        return identity;
    }
}
