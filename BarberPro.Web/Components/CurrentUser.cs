using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using Microsoft.AspNetCore.Components.Authorization;

namespace BarberPro.Web.Components;

/// <summary>The signed-in user as the domain sees them: an <see cref="Actor"/> per role they hold.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authState)
{
    public async Task<ClaimsPrincipal> PrincipalAsync() => (await authState.GetAuthenticationStateAsync()).User;

    /// <summary>The user id, or null when nobody is signed in.</summary>
    public async Task<string?> UserIdAsync() => (await PrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// The actor for <paramref name="role"/> if the user holds it; null otherwise. Pages ask for the role they act in,
    /// so an owner who also cuts hair acts as Provider on their own agenda and as Owner on the shop's.
    /// </summary>
    public async Task<Actor?> AsAsync(ActorRole role) => As(await PrincipalAsync(), role);

    /// <summary>The actor for <paramref name="role"/> of a signed-in (cookie) <paramref name="user"/>, or null when they do not hold it.</summary>
    public static Actor? As(ClaimsPrincipal user, ActorRole role)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is not null && user.IsInRole(role.ToString()) ? new Actor(id, role) : null;
    }

    /// <summary>
    /// Every actor of a signed-in (cookie) <paramref name="user"/>, most privileged first: what an endpoint outside a page
    /// (an export) tries in turn. The API's bearer tokens have their own claims (<c>ApiActors.All</c>).
    /// </summary>
    public static IReadOnlyList<Actor> ActorsOf(ClaimsPrincipal user) =>
        new[] { ActorRole.Admin, ActorRole.Owner, ActorRole.Provider, ActorRole.Customer }.Select(r => As(user, r)).OfType<Actor>().ToList();

    /// <summary>The most powerful staff role the user holds (Admin, Owner, Provider), or null for customers.</summary>
    public async Task<Actor?> StaffAsync()
    {
        foreach (var role in new[] { ActorRole.Admin, ActorRole.Owner, ActorRole.Provider })
        {
            if (await AsAsync(role) is { } actor)
                return actor;
        }
        return null;
    }
}
