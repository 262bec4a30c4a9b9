using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BarberPro.Web.Features.Api;

/// <summary>The "Jwt" configuration section.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "barberpro";
    public string Audience { get; set; } = "barberpro-api";

    /// <summary>
    /// HMAC-SHA256 key, at least 32 characters; set it through an environment variable (Jwt__SigningKey) or user
    /// secrets, never in a committed file. When empty a random key is generated at start-up: tokens then stop working
    /// when the app restarts and are not shared between instances.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// How long an access token is good. Short, because the mobile app gets a new one with its refresh token; a
    /// revoked one is refused within <see cref="ApiTokenStamps.CacheFor"/> anyway.
    /// </summary>
    public int LifetimeMinutes { get; set; } = 15;
}

/// <summary>The key that signs and checks access tokens: from configuration, or random for this process.</summary>
public sealed class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> options, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
            Generated = true;
            logger.LogWarning("Jwt:SigningKey is not set: access tokens are signed with a random key generated at start-up " +
                "and stop working when the app restarts. Set Jwt:SigningKey (32+ characters) outside development.");
        }
        else
        {
            Validate(configured);
            Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
        }
    }

    /// <summary>Fails start-up on a configured key too short for HMAC-SHA256 (an empty one means "generate").</summary>
    public static void Validate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured) && Encoding.UTF8.GetByteCount(configured) < 32)
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes long (or empty, to generate one at start-up).");
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when no key was configured and this one is random.</summary>
    public bool Generated { get; }
}

/// <summary>
/// Issues access tokens: the user id as "sub", name, email, one "role" claim per role, and "sst", a digest of the
/// user's security stamp that <see cref="ApiTokenStamps"/> checks on every request.
/// </summary>
public sealed class ApiTokenIssuer(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider time)
{
    public const string StampClaim = "sst";

    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(AppUser user, IEnumerable<string> roles)
    {
        // Whole seconds, as the token's exp claim.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now.AddMinutes(options.Value.LifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(ApiActors.NameClaim, user.FullName),
            new(StampClaim, ApiTokenStamps.Digest(user.SecurityStamp)),
        };
        if (user.Email is { } email)
            claims.Add(new Claim(JwtRegisteredClaimNames.Email, email));
        claims.AddRange(roles.Select(r => new Claim(ApiActors.RoleClaim, r)));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>Validates bearer tokens with the same key, issuer and audience; reads them from ?access_token= on the hub.</summary>
    internal static void ConfigureBearer(JwtBearerOptions bearer, JwtSigningKey key, JwtOptions options)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = ApiActors.NameClaim,
            RoleClaimType = ApiActors.RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        bearer.Events = new JwtBearerEvents
        {
            // A well-signed token whose user was since suspended, deleted, demoted or changed password is refused.
            OnTokenValidated = async context =>
            {
                var principal = context.Principal!;
                var stamps = context.HttpContext.RequestServices.GetRequiredService<ApiTokenStamps>();
                if (!await stamps.IsCurrentAsync(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), principal.FindFirstValue(StampClaim), context.HttpContext.RequestAborted))
                    context.Fail("The token was revoked.");
            },
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on WebSockets or server-sent events: the hub accepts the token in the query.
                var token = context.Request.Query["access_token"];
                if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(ApiSetup.HubsPrefix))
                    context.Token = token;
                return Task.CompletedTask;
            },
            // The bearer handler answers before the API's error middleware runs: write the problem body here.
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var invalid = context.AuthenticateFailure is not null;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
                var (title, detail, code) = ApiProblems.ForStatus(StatusCodes.Status401Unauthorized);
                if (invalid)
                    (detail, code) = ("El token de acceso no es válido, venció o fue revocado. Pedí uno nuevo con POST /api/v1/auth/refresh o /api/v1/auth/token.", "auth.invalid_token");
                await WriteProblemAsync(context.HttpContext, ApiProblems.Problem(StatusCodes.Status401Unauthorized, title, detail, code));
            },
            OnForbidden = context =>
            {
                var (title, detail, code) = ApiProblems.ForStatus(StatusCodes.Status403Forbidden);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return WriteProblemAsync(context.HttpContext, ApiProblems.Problem(StatusCodes.Status403Forbidden, title, detail, code));
            },
        };
    }

    private static Task WriteProblemAsync(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
}

/// <summary>
/// The API's revocation check: the token's user still exists, is not suspended, and has the security stamp the token
/// was issued with. Every change an admin makes that takes something away (suspension, a role removed, deletion) and
/// every password change renews the stamp, so the token stops working. The user's current stamp is cached for
/// <see cref="CacheFor"/> per user so a busy client does not query the database on every call: a revoked access token
/// is refused at most 10 seconds after the change (and in any case dies with its 15-minute lifetime).
/// </summary>
public sealed class ApiTokenStamps(IDbContextFactory<BarberProDbContext> dbFactory, NodaTime.IClock clock) : IDisposable
{
    /// <summary>How long a user's stamp is trusted without reading it again: the most a revoked token can live.</summary>
    public static readonly NodaTime.Duration CacheFor = NodaTime.Duration.FromSeconds(10);

    private sealed record Entry(string? Digest, NodaTime.Instant CheckedAt);

    // Its own bounded cache; entries also leave a minute after their last check.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>A short digest of a security stamp: the token carries this, never the stamp itself.</summary>
    public static string Digest(string? stamp) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? ""))[..16]);

    public async ValueTask<bool> IsCurrentAsync(string? userId, string? digest, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(digest))
            return false;
        var now = clock.GetCurrentInstant();
        if (!_cache.TryGetValue(userId, out Entry? entry) || entry is null || now - entry.CheckedAt >= CacheFor || now < entry.CheckedAt)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.SuspendedAt }).SingleOrDefaultAsync(ct);
            entry = new Entry(user is { SuspendedAt: null } ? Digest(user.SecurityStamp) : null, now);
            _cache.Set(userId, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        }
        return entry.Digest is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry.Digest), Encoding.ASCII.GetBytes(digest));
    }

    public void Dispose() => _cache.Dispose();
}
