using System.Text;
using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// Staff who must use two-factor sign-in (<see cref="StaffTwoFactorRule"/>) and have not set it up carry
/// <see cref="RequiredClaim"/> in their sign-in cookie (added by <see cref="AppUserClaimsFactory"/>, so it is fresh at
/// every sign-in and cookie revalidation). <see cref="UseTwoFactorEnrolment"/> sends every page they ask for to
/// <see cref="SecurityPath"/> until they have set it up.
/// </summary>
public static class TwoFactorEnrolment
{
    public const string SecurityPath = "/cuenta/seguridad";
    public const string SignInStepPath = "/cuenta/dos-pasos";
    public const string RequiredClaim = "barberpro:two_factor_enrolment_required";
    public const int RecoveryCodeCount = 10;

    /// <summary>The second sign-in step, carrying where to go next and whether the cookie should persist.</summary>
    public static string SignInStep(string? returnUrl, bool rememberMe)
    {
        var query = $"?rememberMe={(rememberMe ? "true" : "false")}";
        if (LocalReturnUrl.OrNull(returnUrl) is { } back)
            query += "&returnUrl=" + Uri.EscapeDataString(back);
        return SignInStepPath + query;
    }

    /// <summary>Sends staff who must enrol to the security page from any other page (APIs and static files are not pages).</summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == RequiredClaim)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page
            && page.Type.GetCustomAttributes(typeof(AllowedBeforeTwoFactorEnrolmentAttribute), inherit: false).Length == 0)
        {
            context.Response.Redirect(SecurityPath);
            return;
        }
        await next(context);
    });

    /// <summary>The key as people type it: lower case, in groups of four.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
                text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// URI authenticator apps read (from the QR code or a link on the phone).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("BarberPro")}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString("BarberPro")}&digits=6&period=30";

    /// <summary>The URI as an SVG QR code (no scripts, no images fetched).</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>A typed code without spaces or dashes in the places people put them; recovery codes in Identity's "XXXXX-XXXXX" form.</summary>
    public static string NormalizeCode(string? code)
    {
        var compact = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (compact.Length == 0 || IsAuthenticatorCode(compact) || compact.Length != 10)
            return compact;
        return compact[..5] + "-" + compact[5..];
    }

    /// <summary>Six digits: a code from the app (anything else is tried as a recovery code).</summary>
    public static bool IsAuthenticatorCode(string normalized) => normalized.Length == 6 && normalized.All(char.IsAsciiDigit);
}

/// <summary>Pages staff may open before they have set up two-factor sign-in.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowedBeforeTwoFactorEnrolmentAttribute : Attribute;

/// <summary>What a second factor check decided.</summary>
public enum TwoFactorCheck
{
    /// <summary>Two-factor is not on and not required, or the code was right.</summary>
    Passed,
    CodeRequired,
    CodeInvalid,
    LockedOut,
    /// <summary>The user must use two-factor sign-in and has not set it up.</summary>
    EnrolmentRequired,
}

/// <summary>
/// The second factor for sign-ins that are not the web form (the API's token endpoint): a code from the app or a
/// recovery code (used once), with wrong codes counted towards the same lockout as wrong passwords.
/// </summary>
public sealed class TwoFactorSignInCheck(UserManager<AppUser> users, StaffTwoFactorRule rule)
{
    /// <summary>Longer input is refused without being looked at.</summary>
    public const int MaxCodeLength = 32;

    /// <summary>Call after the password was checked.</summary>
    public async Task<TwoFactorCheck> CheckAsync(AppUser user, string? code, CancellationToken ct = default)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(code))
                return TwoFactorCheck.CodeRequired;
            var normalized = code.Length <= MaxCodeLength ? TwoFactorEnrolment.NormalizeCode(code) : "";
            var valid = normalized.Length > 0 && (TwoFactorEnrolment.IsAuthenticatorCode(normalized)
                ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized)
                : (await users.RedeemTwoFactorRecoveryCodeAsync(user, normalized)).Succeeded);
            if (!valid)
            {
                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user) ? TwoFactorCheck.LockedOut : TwoFactorCheck.CodeInvalid;
            }
            await users.ResetAccessFailedCountAsync(user);
            return TwoFactorCheck.Passed;
        }
        var roles = await users.GetRolesAsync(user);
        return await rule.IsRequiredAsync(user.Id, roles.ToList(), ct) ? TwoFactorCheck.EnrolmentRequired : TwoFactorCheck.Passed;
    }
}
