using NodaTime;

namespace BarberPro.Domain.Accounts;

/// <summary>
/// One refresh token of the mobile app, stored only as the SHA-256 hash of its value. Each use replaces it with a
/// new one of the same <see cref="FamilyId"/> (one family per sign-in); a used or revoked token presented again
/// revokes the whole family. It is only good while the user's security stamp is the one it was issued with.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    internal RefreshToken(string userId, Guid familyId, string tokenHash, string securityStamp, Instant now, Duration lifetime)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        FamilyId = familyId;
        TokenHash = tokenHash;
        SecurityStamp = securityStamp;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid FamilyId { get; private set; }
    /// <summary>Upper-case hex SHA-256 of the token's text; the text itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";
    /// <summary>The user's security stamp when issued; a different stamp now means the token was revoked.</summary>
    public string SecurityStamp { get; private set; } = "";
    public Instant CreatedAt { get; private set; }
    public Instant ExpiresAt { get; private set; }
    /// <summary>When it was exchanged for a new pair; a token is used at most once.</summary>
    public Instant? UsedAt { get; private set; }
    public Instant? RevokedAt { get; private set; }
}
