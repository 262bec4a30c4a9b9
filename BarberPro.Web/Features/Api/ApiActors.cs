using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Turns the token's user into domain <see cref="Actor"/>s, one per role, most privileged first. The domain decides
/// what each may do; a user with several roles (an owner who also cuts hair) is tried as each until one may see the thing.
/// </summary>
public static class ApiActors
{
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    private static readonly (string Role, ActorRole ActorRole)[] ByPrivilege =
    [
        (Roles.Admin, ActorRole.Admin), (Roles.Owner, ActorRole.Owner), (Roles.Provider, ActorRole.Provider), (Roles.Customer, ActorRole.Customer),
    ];

    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(JwtRegisteredClaimNames.Sub) : null;

    public static IReadOnlyList<Actor> All(ClaimsPrincipal user)
    {
        if (UserId(user) is not { } userId)
            return [];
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return ByPrivilege.Where(r => roles.Contains(r.Role)).Select(r => new Actor(userId, r.ActorRole)).ToList();
    }

    /// <summary>
    /// Runs <paramref name="operation"/> as each of the user's actors in turn and returns the first answer that is not
    /// "not found" (or the last one). Nothing is written by an attempt that answers "not found".
    /// </summary>
    public static async Task<T?> FirstFoundAsync<T>(ClaimsPrincipal user, Func<Actor, Task<T>> operation, Func<T, bool> isNotFound)
    {
        T? last = default;
        foreach (var actor in All(user))
        {
            last = await operation(actor);
            if (!isNotFound(last))
                return last;
        }
        return last;
    }
}
