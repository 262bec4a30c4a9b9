using System.Security.Claims;
using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// How soon the web app notices that an account was suspended, deleted, lost a role or changed its password (each
/// renews the user's security stamp): the sign-in cookie is checked against the stamp at least every
/// <see cref="CookieInterval"/> on each request, and an open page (a Blazor circuit) every <see cref="CookieInterval"/>
/// too. So a revoked web session lives at most 30 seconds. (API tokens: <c>ApiTokenStamps</c>, 10 seconds.)
/// </summary>
public static class SessionRevocation
{
    public static readonly TimeSpan CookieInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The stamp check's interval, and the cookie's and the check's time from the app's <see cref="IClock"/>, so tests
    /// move past the interval with the fake clock.
    /// </summary>
    public static IServiceCollection AddSessionRevocation(this IServiceCollection services)
    {
        services.AddSingleton<ClockTimeProvider>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<ClockTimeProvider>((o, time) =>
        {
            o.ValidationInterval = CookieInterval;
            o.TimeProvider = time;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ClockTimeProvider>((o, time) => o.TimeProvider = time);
        return services;
    }

    /// <summary>
    /// The check an open page runs (the cookie's own check is the same call, made by Identity's stamp validator): the
    /// user exists, is not suspended and still has the security stamp the session started with.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(IServiceScopeFactory scopeFactory, ClaimsPrincipal user)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(user) is not null;
    }
}

/// <summary>The app's NodaTime clock as a <see cref="TimeProvider"/>, for framework parts that take one.</summary>
public sealed class ClockTimeProvider(IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
