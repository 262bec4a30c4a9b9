using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// Re-checks an open page's user every <see cref="SessionRevocation.CookieInterval"/> (30 s) with the same check as the
/// sign-in cookie (<see cref="SessionRevocation.IsCurrentAsync"/>: the user exists, is not suspended and has the stamp
/// the session started with). When it fails the page's
/// authentication state becomes anonymous and pages that need a signed-in user send the browser to sign in.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionRevocation.CookieInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SessionRevocation.IsCurrentAsync(scopeFactory, authenticationState.User);
}
