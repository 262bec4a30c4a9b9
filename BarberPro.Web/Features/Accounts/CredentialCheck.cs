using System.Security.Cryptography;
using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BarberPro.Web.Features.Accounts;

public enum CredentialOutcome
{
    Succeeded,
    /// <summary>Wrong email or password: the same answer for an email nobody uses.</summary>
    Invalid,
    /// <summary>Too many failures for this account from this device (or from unknown devices).</summary>
    LockedOut,
    /// <summary>The right password on an account an admin suspended (<see cref="AppUser.SuspendedAt"/>): told only to whoever knows the password.</summary>
    Suspended,
}

/// <param name="User">The account, only when <see cref="CredentialOutcome.Succeeded"/>.</param>
public sealed record CredentialResult(CredentialOutcome Outcome, AppUser? User = null);

/// <summary>
/// The one email-and-password check of both sign-in doors: the form (through <see cref="BarberProSignInManager"/>)
/// and POST /api/v1/auth/token.
/// <list type="bullet">
/// <item>An email nobody uses costs and answers what a known one with a wrong password does: a password hash is
/// verified either way (a dummy one for unknown emails), and after <c>MaxFailedAccessAttempts</c> failures both answer
/// "locked" for the lockout time. Unknown emails are counted in memory, accounts in the database (Identity).</item>
/// <item>Failures count per account and device. A device the account already signed in on carries a signed cookie
/// (<see cref="KnownDevices"/>); there the account's lockout does not apply, the device has a counter of its own with the
/// same threshold. So an attacker elsewhere locks the account for unknown devices only, never out of the user's phone.</item>
/// <item>An admin's suspension (<see cref="AppUser.SuspendedAt"/>) applies on every device; only the right password
/// learns of it, a wrong one gets the usual answer.</item>
/// </list>
/// The per-IP and per-account rate limits (<see cref="Api.ApiRateLimits"/>) apply before this, on every device.
/// </summary>
public sealed class CredentialCheck(UserManager<AppUser> users, KnownDevices devices, SignInFailures failures,
    IHttpContextAccessor http)
{
    public async Task<CredentialResult> CheckAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        return user is null ? UnknownAccount(email, password) : await CheckAsync(user, password);
    }

    public async Task<CredentialResult> CheckAsync(AppUser user, string password)
    {
        if (user.SuspendedAt is not null)
            return new(await VerifyAsync(user, password) ? CredentialOutcome.Suspended : CredentialOutcome.Invalid);
        var context = http.HttpContext;
        var device = context is null ? null : devices.DeviceOf(context, user.Id);
        return device is null ? await FromUnknownDeviceAsync(user, password) : await FromKnownDeviceAsync(user, password, device);
    }

    private CredentialResult UnknownAccount(string email, string password)
    {
        var hasher = users.PasswordHasher;
        hasher.VerifyHashedPassword(SignInFailures.Nobody, failures.DummyHash(hasher), password);
        var key = "email:" + users.NormalizeEmail(email.Trim());
        return new(failures.IsLocked(key) || failures.Fail(key) ? CredentialOutcome.LockedOut : CredentialOutcome.Invalid);
    }

    private async Task<CredentialResult> FromUnknownDeviceAsync(AppUser user, string password)
    {
        if (await users.IsLockedOutAsync(user))
        {
            await VerifyAsync(user, password);
            return new(CredentialOutcome.LockedOut);
        }
        if (await VerifyAsync(user, password))
        {
            // With two-factor on, the password alone proves nothing yet: the count resets when the code is right too
            // (as Identity does), so wrong codes after a right password still add up to the lockout.
            if (!user.TwoFactorEnabled)
                await users.ResetAccessFailedCountAsync(user);
            return Succeeded(user);
        }
        await users.AccessFailedAsync(user);
        return new(await users.IsLockedOutAsync(user) ? CredentialOutcome.LockedOut : CredentialOutcome.Invalid);
    }

    private async Task<CredentialResult> FromKnownDeviceAsync(AppUser user, string password, string device)
    {
        var key = $"device:{user.Id}:{device}";
        if (failures.IsLocked(key))
        {
            await VerifyAsync(user, password);
            return new(CredentialOutcome.LockedOut);
        }
        if (await VerifyAsync(user, password))
        {
            failures.Reset(key);
            return Succeeded(user);
        }
        return new(failures.Fail(key) ? CredentialOutcome.LockedOut : CredentialOutcome.Invalid);
    }

    private CredentialResult Succeeded(AppUser user)
    {
        if (http.HttpContext is { } context)
            devices.Remember(context, user.Id);
        return new(CredentialOutcome.Succeeded, user);
    }

    /// <summary>Verifies one password hash, also for an account without a password (against the dummy hash).</summary>
    private async Task<bool> VerifyAsync(AppUser user, string password)
    {
        if (user.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(SignInFailures.Nobody, failures.DummyHash(users.PasswordHasher), password);
            return false;
        }
        return await users.CheckPasswordAsync(user, password);
    }
}

/// <summary>
/// Failure counters kept in memory: emails nobody uses, and each known device of an account. Same threshold and
/// lockout time as Identity's account lockout; at most 100,000 keys (idle ones leave after a day).
/// </summary>
public sealed class SignInFailures(IClock clock, IOptions<IdentityOptions> identity) : IDisposable
{
    internal static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private string? _dummyHash;

    /// <summary>A hash of a random password made by the app's own hasher, so verifying it costs what a real one does.</summary>
    public string DummyHash(IPasswordHasher<AppUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref _dummyHash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public bool IsLocked(string key) => _entries.TryGetValue(key, out Entry? entry) && entry!.IsLocked(clock.GetCurrentInstant());

    /// <summary>Counts a failure; true when it locks the key.</summary>
    public bool Fail(string key)
    {
        var entry = _entries.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromDays(1);
            return new Entry();
        })!;
        var lockout = identity.Value.Lockout;
        return entry.Fail(clock.GetCurrentInstant(), lockout.MaxFailedAccessAttempts, Duration.FromTimeSpan(lockout.DefaultLockoutTimeSpan));
    }

    public void Reset(string key) => _entries.Remove(key);

    public void Dispose() => _entries.Dispose();

    private sealed class Entry
    {
        private int _failures;
        private Instant _lockedUntil = Instant.MinValue;

        public bool IsLocked(Instant now)
        {
            lock (this)
                return now < _lockedUntil;
        }

        public bool Fail(Instant now, int max, Duration lockout)
        {
            lock (this)
            {
                if (now < _lockedUntil)
                    return true;
                if (++_failures < max)
                    return false;
                _failures = 0;
                _lockedUntil = now + lockout;
                return true;
            }
        }
    }
}

/// <summary>
/// The "known device" cookie: set when an account signs in, signed and encrypted with Data Protection, holding a random
/// device id and the last few accounts that signed in there. It exempts that device from the account's failure lockout
/// (see <see cref="CredentialCheck"/>); it grants nothing else.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    public const string CookieName = "barberpro.device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private const int MaxAccounts = 5;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("BarberPro.KnownDevice.v1").ToTimeLimitedDataProtector();

    /// <summary>The device id when this request comes from a device <paramref name="userId"/> signed in on; otherwise null.</summary>
    public string? DeviceOf(HttpContext context, string userId) =>
        Read(context) is { } device && device.Accounts.Contains(userId) ? device.Id : null;

    public void Remember(HttpContext context, string userId)
    {
        var device = Read(context) ?? new Device(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), []);
        string[] accounts = [userId, .. device.Accounts.Where(a => a != userId).Take(MaxAccounts - 1)];
        var value = _protector.Protect($"{device.Id}|{string.Join(',', accounts)}", Lifetime);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = Lifetime,
            Path = "/",
        });
    }

    private Device? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return parts.Length == 2 ? new Device(parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private sealed record Device(string Id, IReadOnlyList<string> Accounts);
}

/// <summary>
/// Identity's sign-in manager with the password check replaced by <see cref="CredentialCheck"/>, so the sign-in form
/// keeps calling <see cref="SignInManager{TUser}.PasswordSignInAsync(string, string, bool, bool)"/> (two-factor and
/// all), and every other password check through this manager gets the same rules. Lockout is always on, whatever
/// the caller passes.
/// </summary>
public sealed class BarberProSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, CredentialCheck credentials)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>By email (the user name is the email); an unknown email is checked and answered like a known one.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var check = await credentials.CheckAsync(userName, password);
        if (check.User is not { } user)
            return ToResult(check);
        if (!await CanSignInAsync(user))
            return SignInResult.NotAllowed;
        return await SignInOrTwoFactorAsync(user, isPersistent);
    }

    /// <summary>Also what <c>PasswordSignInAsync(user, …)</c> uses.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var check = await credentials.CheckAsync(user, password);
        if (check.User is null)
            return ToResult(check);
        return await CanSignInAsync(user) ? SignInResult.Success : SignInResult.NotAllowed;
    }

    /// <summary>A suspended user's session fails its security-stamp check (cookie and open pages alike).</summary>
    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is { SuspendedAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);

    private static SignInResult ToResult(CredentialResult check) => check.Outcome switch
    {
        CredentialOutcome.Succeeded => SignInResult.Success,
        CredentialOutcome.LockedOut => SignInResult.LockedOut,
        CredentialOutcome.Suspended => SuspendedSignInResult.Instance,
        _ => SignInResult.Failed,
    };
}

public static class CredentialCheckSetup
{
    /// <summary>The shared password check, its counters and the known-device cookie.</summary>
    public static IServiceCollection AddCredentialCheck(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddDataProtection();
        services.AddSingleton<SignInFailures>();
        services.AddSingleton<KnownDevices>();
        services.AddScoped<CredentialCheck>();
        return services;
    }
}
