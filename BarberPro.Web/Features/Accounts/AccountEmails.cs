using System.Net;
using System.Security.Cryptography;
using System.Text;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// Identity's account emails (password reset, email confirmation) as rows of the notifications outbox: one
/// <see cref="Notification"/> on the email channel, due now, Spanish subject and body with the absolute link. The
/// notification sender delivers it like any other message (with its retries); account messages ignore the customer's
/// reminder opt-out. A confirmation's key is the user and a hash of the link, so the same link is never queued twice; a
/// reset's is the user and the <see cref="ResetWindow"/> it was asked in, so asking again and again (or someone asking
/// for another's account) queues one mail per window, while the first mail's link keeps working. The sender removes the
/// link from the stored copy once the mail left (<see cref="Notification.RemovedLink"/>).
/// </summary>
public sealed class AccountEmails(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, ILogger<AccountEmails> logger) : IEmailSender<AppUser>
{
    /// <summary>At most one reset mail per user in each window of this length.</summary>
    public static readonly Duration ResetWindow = Duration.FromMinutes(5);

    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        QueueAsync(user, email, NotificationKind.AccountEmailConfirmation, _ => $"confirm:{user.Id}:{Hash(confirmationLink)}",
            "Confirmá tu email en BarberPro",
            $"Hola{Greeting(user)}:\n\nPara confirmar que este email es tuyo, abrí este enlace:\n{confirmationLink}\n\n" +
            "Si no creaste una cuenta en BarberPro, ignorá este mensaje.\n\nBarberPro");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        QueueAsync(user, email, NotificationKind.AccountPasswordReset,
            now => $"reset:{user.Id}:{now.ToUnixTimeTicks() / ResetWindow.BclCompatibleTicks}",
            "Restablecé tu contraseña de BarberPro",
            $"Hola{Greeting(user)}:\n\nPediste restablecer tu contraseña. Elegí una nueva en este enlace:\n{resetLink}\n\n" +
            "Si no lo pediste vos, ignorá este mensaje: tu contraseña no cambia.\n\nBarberPro");

    /// <summary>
    /// Tells a person an admin opened a shop for them, with a password reset link to choose their first password (their
    /// account was made without one). One mail per link.
    /// </summary>
    public Task SendOwnerInvitationAsync(AppUser user, string email, string shopName, string resetLink) =>
        QueueAsync(user, email, NotificationKind.AccountPasswordReset, _ => $"invite:{user.Id}:{Hash(resetLink)}",
            $"Tu local {shopName} en BarberPro",
            $"Hola{Greeting(user)}:\n\nTe dimos de alta como dueño de {shopName} en BarberPro. Elegí tu contraseña en este enlace:\n{resetLink}\n\n" +
            "Después ingresá con tu email y esa contraseña para administrar tu local.\n\nBarberPro");

    /// <summary>We send links, never bare codes.</summary>
    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        throw new NotSupportedException("BarberPro sends password reset links, not codes.");

    private static string Greeting(AppUser user) => string.IsNullOrWhiteSpace(user.FullName) ? "" : " " + user.FullName.Trim();

    private static string Hash(string link) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link)))[..32];

    private async Task QueueAsync(AppUser user, string email, NotificationKind kind, Func<Instant, string> keyAt, string subject, string body)
    {
        var now = clock.GetCurrentInstant();
        var key = keyAt(now);
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Notifications.Add(new Notification(key, kind, NotificationChannel.Email, email, subject, body,
            dueAt: now, now: now, userId: user.Id));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e)
        {
            await using var check = await dbFactory.CreateDbContextAsync();
            if (!await check.Notifications.AsNoTracking().AnyAsync(n => n.Key == key))
                throw;
            logger.LogInformation(e, "Account email {Kind} for user {UserId} was already queued.", kind, user.Id);
        }
    }

    /// <summary>An Identity token as it travels in a link (base64url of its UTF-8), and back; null when it is not one.</summary>
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? encoded)
    {
        if (string.IsNullOrWhiteSpace(encoded))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string ResetLink(IConfiguration configuration, string requestBaseUri, string userId, string token) =>
        PublicAddress.LinkTo(configuration, requestBaseUri, $"cuenta/restablecer?userId={WebUtility.UrlEncode(userId)}&token={EncodeToken(token)}");

    public static string ConfirmLink(IConfiguration configuration, string requestBaseUri, string userId, string token) =>
        PublicAddress.LinkTo(configuration, requestBaseUri, $"cuenta/confirmar-email?userId={WebUtility.UrlEncode(userId)}&token={EncodeToken(token)}");
}
