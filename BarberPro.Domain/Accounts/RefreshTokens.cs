using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Accounts;

/// <summary>Why a refresh token was not exchanged.</summary>
public enum RefreshRefusal
{
    /// <summary>Unknown, expired, or revoked by a change to the account (password, roles, deletion).</summary>
    Invalid,
    /// <summary>Already used or revoked: a copy may be in someone else's hands, so its whole family is now revoked.</summary>
    Reused,
    /// <summary>An admin suspended the account; the family is revoked.</summary>
    Suspended,
}

/// <summary>A refresh token's text (shown to the client once, never stored) and when it stops being good.</summary>
public sealed record IssuedRefreshToken(string Text, Instant ExpiresAt);

/// <summary>The outcome of <see cref="RefreshTokens.RedeemAsync"/>: the user and the next refresh token, or why not.</summary>
public sealed record RefreshResult(AppUser? User, IssuedRefreshToken? Token, RefreshRefusal? Refusal)
{
    internal static RefreshResult Refused(RefreshRefusal why) => new(null, null, why);
}

/// <summary>
/// Refresh tokens for the mobile app (docs/decisions/0004): 256 random bits, base64url, stored only as their
/// SHA-256 hash, good for <see cref="Lifetime"/>, exchanged once (rotation), and tied to the user's security stamp,
/// so suspending the account, removing a role, changing the password or deleting the account revokes them at once.
/// </summary>
public sealed class RefreshTokens(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    /// <summary>How long an unused refresh token stays good; each exchange starts a new one.</summary>
    public static readonly Duration Lifetime = Duration.FromDays(30);

    /// <summary>Longer input is not one of ours and is refused before hashing.</summary>
    public const int MaxLength = 100;

    /// <summary>Starts a new family (a sign-in) and returns its first token.</summary>
    public async Task<IssuedRefreshToken> IssueAsync(AppUser user, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Expired tokens can neither be used nor reused: forget them.
        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var (text, token) = New(user.Id, Guid.NewGuid(), user.SecurityStamp ?? "", now);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedRefreshToken(text, token.ExpiresAt);
    }

    /// <summary>
    /// Exchanges a refresh token for the next one of its family, in one transaction: the presented token is marked
    /// used (by a conditional update, so of two concurrent exchanges only one succeeds, and the other counts as reuse).
    /// </summary>
    public async Task<RefreshResult> RedeemAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxLength)
            return RefreshResult.Refused(RefreshRefusal.Invalid);
        var hash = Hash(presented);
        var now = clock.GetCurrentInstant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Under the provider's execution strategy (Database:MaxRetryCount on PostgreSQL and SQL Server refuses a transaction
        // begun outside it); a retry runs the whole exchange again on a clean context.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
            if (token is null || token.ExpiresAt <= now)
                return RefreshResult.Refused(RefreshRefusal.Invalid);

            var claimed = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, (Instant?)now), ct);
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, ct);
            RefreshRefusal? refusal = claimed == 0 ? RefreshRefusal.Reused
                : user is null ? RefreshRefusal.Invalid
                : user.SuspendedAt is not null ? RefreshRefusal.Suspended
                : (user.SecurityStamp ?? "") != token.SecurityStamp ? RefreshRefusal.Invalid
                : null;
            if (refusal is { } why)
            {
                await RevokeFamilyAsync(db, token.FamilyId, now, ct);
                await tx.CommitAsync(ct);
                return RefreshResult.Refused(why);
            }

            await db.RefreshTokens.Where(t => t.UserId == user!.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
            var (text, next) = New(user!.Id, token.FamilyId, token.SecurityStamp, now);
            db.RefreshTokens.Add(next);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new RefreshResult(user, new IssuedRefreshToken(text, next.ExpiresAt), null);
        }, ct);
    }

    /// <summary>Revokes the family of the presented token (sign-out on a device). Unknown tokens are ignored.</summary>
    public async Task RevokeAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxLength)
            return;
        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(ct);
        if (family is { } id)
            await RevokeFamilyAsync(db, id, clock.GetCurrentInstant(), ct);
    }

    internal static string Hash(string presented) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static Task<int> RevokeFamilyAsync(BarberProDbContext db, Guid familyId, Instant now, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, (Instant?)now), ct);

    private static (string Text, RefreshToken Token) New(string userId, Guid familyId, string stamp, Instant now)
    {
        var text = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (text, new RefreshToken(userId, familyId, Hash(text), stamp, now, Lifetime));
    }
}
