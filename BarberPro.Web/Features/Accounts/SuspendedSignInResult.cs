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
