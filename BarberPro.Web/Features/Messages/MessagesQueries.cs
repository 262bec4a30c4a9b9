using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Messages;

/// <summary>
/// The "Mensajes" page's reads: the notifications outbox as staff may see it. An owner sees the messages of the shops
/// they run (by <see cref="Notification.ShopId"/>, the same rule as <see cref="Access.CanRunShop"/>), an admin every
/// message (account emails too), anyone else nothing.
/// </summary>
public sealed class MessagesQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public const int PageSize = 200;

    public sealed record MessageRow(Guid Id, NotificationKind Kind, NotificationChannel Channel, string Recipient, string? Subject,
        NotificationStatus Status, int Attempts, string? LastError, Instant DueAt, Instant? SentAt, string? ShopName, DateTimeZone Zone);

    public async Task<IReadOnlyList<MessageRow>> VisibleToAsync(Actor? actor, NotificationStatus? status, CancellationToken ct = default)
    {
        if (actor is null || actor.Role is not (ActorRole.Owner or ActorRole.Admin))
            return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shops = db.Shops.AsNoTracking().AsQueryable();
        if (actor.Role == ActorRole.Owner)
            shops = shops.Where(s => s.OwnerUserId == actor.UserId);
        var shopList = await shops.Select(s => new { s.Id, s.Name, s.TimeZoneId }).ToListAsync(ct);
        var shopIds = shopList.Select(s => s.Id).ToList();

        var rows = db.Notifications.AsNoTracking().AsQueryable();
        rows = actor.Role == ActorRole.Admin ? rows : rows.Where(n => n.ShopId != null && shopIds.Contains(n.ShopId.Value));
        if (status is { } wanted)
            rows = rows.Where(n => n.Status == wanted);
        var found = await rows.OrderByDescending(n => n.DueAt).Take(PageSize)
            .Select(n => new { n.Id, n.Kind, n.Channel, n.Recipient, n.Subject, n.Status, n.Attempts, n.LastError, n.DueAt, n.SentAt, n.ShopId })
            .ToListAsync(ct);
        var byId = shopList.ToDictionary(s => s.Id);
        var fallback = DateTimeZoneProviders.Tzdb[Shop.DefaultTimeZoneId];
        return found.Select(n =>
        {
            var shop = n.ShopId is { } id ? byId.GetValueOrDefault(id) : null;
            return new MessageRow(n.Id, n.Kind, n.Channel, MaskRecipient(n.Recipient), n.Subject, n.Status, n.Attempts, n.LastError, n.DueAt, n.SentAt,
                shop?.Name, shop is null ? fallback : DateTimeZoneProviders.Tzdb.GetZoneOrNull(shop.TimeZoneId) ?? fallback);
        }).ToList();
    }

    /// <summary>
    /// Enough of the address to tell who it is without showing it whole: "ju•••@example.com", "+54 9 11 ••••-6789".
    /// </summary>
    public static string MaskRecipient(string recipient)
    {
        const string dots = "•••";
        var at = recipient.IndexOf('@');
        if (at > 0)
            return recipient[..Math.Min(2, at)] + dots + recipient[at..];
        var digits = recipient.Count(char.IsAsciiDigit);
        if (digits <= 4)
            return dots;
        return recipient[..Math.Min(recipient.StartsWith('+') ? 3 : 0, recipient.Length)] + dots + recipient[^4..];
    }
}
