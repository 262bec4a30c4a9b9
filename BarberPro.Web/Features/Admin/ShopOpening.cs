using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using BarberPro.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Web.Features.Admin;

/// <summary>
/// The admin page's and the API's one way to open a shop or change its owner: <see cref="ShopAdministration"/> decides
/// and writes; when it made the owner's account, this mails them a password reset link to choose their password (the
/// same link and page as "¿Olvidaste tu contraseña?").
/// </summary>
public sealed class ShopOpening(ShopAdministration administration, UserManager<AppUser> users, IEmailSender<AppUser> emails, IConfiguration configuration)
{
    /// <param name="baseUri">The address the request came to (the link's host when PublicBaseUrl is not set).</param>
    public async Task<Result<OwnerAssigned>> CreateAsync(NewShop input, Actor actor, string baseUri, CancellationToken ct = default) =>
        await InviteAsync(await administration.CreateAsync(input, actor, ct), baseUri);

    public async Task<Result<OwnerAssigned>> ChangeOwnerAsync(Guid shopId, string ownerEmail, string? ownerName, Actor actor, string baseUri, CancellationToken ct = default) =>
        await InviteAsync(await administration.ChangeOwnerAsync(shopId, ownerEmail, ownerName, actor, ct), baseUri);

    private async Task<Result<OwnerAssigned>> InviteAsync(Result<OwnerAssigned> result, string baseUri)
    {
        if (result is { Succeeded: true, Value: { Invited: true } assigned } && assigned.Owner.Email is { } email)
        {
            var token = await users.GeneratePasswordResetTokenAsync(assigned.Owner);
            var link = AccountEmails.ResetLink(configuration, baseUri, assigned.Owner.Id, token);
            await emails.SendOwnerInvitationAsync(assigned.Owner, email, assigned.Shop.Name, link);
        }
        return result;
    }
}

/// <summary>The invitation mail is BarberPro's own: <see cref="AccountEmails"/> is the registered sender.</summary>
internal static class OwnerInvitationMail
{
    public static Task SendOwnerInvitationAsync(this IEmailSender<AppUser> emails, AppUser user, string email, string shopName, string link) =>
        emails is AccountEmails ours
            ? ours.SendOwnerInvitationAsync(user, email, shopName, link)
            : emails.SendPasswordResetLinkAsync(user, email, link);
}
