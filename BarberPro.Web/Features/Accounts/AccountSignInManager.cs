using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Accounts;

/// <summary>The answer to a right password on an account an admin suspended: not signed in, and told why.</summary>
public sealed class SuspendedSignInResult : SignInResult
{
    public static readonly SuspendedSignInResult Instance = new();

    private SuspendedSignInResult() => IsNotAllowed = true;
}

/// <summary>
/// Identity's sign-in with the admin suspension (<see cref="AppUser.SuspendedAt"/>) in the two places that decide
/// who may be signed in, for the web form, the API's /auth/token and the cookie check alike: a right password on a
/// suspended account gets <see cref="SuspendedSignInResult"/> (a wrong one gets the usual answer, so the state is only
/// told to whoever knows the password), and a suspended user's session fails its security-stamp check.
/// </summary>
public sealed class AccountSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        return result.Succeeded && user.SuspendedAt is not null ? SuspendedSignInResult.Instance : result;
    }

    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is { SuspendedAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
