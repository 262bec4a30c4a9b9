using BarberPro.Domain.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Notifications;

/// <summary>
/// Sends what is due. A run claims a batch of due rows with ONE UPDATE (lease owner and lease end, only where the row is
/// due and no live lease holds it), never read-then-write, so overlapping runs and several servers each get different
/// rows; then it reads back what it holds, checks each message still applies (a reminder's booking, the customer's
/// preferences; else it is cancelled), sends it through the channel of its <see cref="Notification.Channel"/> while more
/// than half the lease is left, and records the outcome row by row, only while it still holds the lease: sent with the
/// provider's id, or due again after a backoff (1, 2, 4, 8 minutes), or failed after the last try. Each delivery and each
/// failed try is counted by channel and kind (<see cref="BarberProMetrics"/>).
/// </summary>
public sealed class NotificationSender(IDbContextFactory<BarberProDbContext> dbFactory, IEnumerable<INotificationChannel> channels, IClock clock,
    NotificationOptions options, BarberProMetrics metrics)
{
    private readonly IReadOnlyDictionary<NotificationChannel, INotificationChannel> _channels =
        channels.GroupBy(c => c.Channel).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Sends every due message (batch after batch); returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        var owner = LeaseOwner(Environment.MachineName, Environment.ProcessId);
        var halfLease = Duration.FromSeconds(options.LeaseSeconds) / 2;
        while (await ClaimAsync(owner, ct) > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var claimed = await db.Notifications.AsNoTracking().Where(n => n.LeaseOwner == owner && n.Status == NotificationStatus.Due)
                .OrderBy(n => n.DueAt).ToListAsync(ct);
            foreach (var notification in claimed)
            {
                // A send starts only with more than half the lease left (a channel's own timeout is well under that), so
                // no other run can claim the row while it is on its way. Rows left over (a slow batch) are claimed again
                // by a later run once their lease runs out.
                if (notification.LeaseUntil - clock.GetCurrentInstant() <= halfLease)
                    continue;
                if (await SendOneAsync(db, notification, ct))
                    sent++;
                if (await RecordAsync(db, notification, owner, ct) == 1 && notification is { Kind: NotificationKind.Reminder, Status: NotificationStatus.Sent, BookingId: { } reminded })
                    await MarkRemindedAsync(db, reminded, notification.SentAt!.Value, ct);
            }
        }
        return sent;
    }

    /// <summary>A run's name on the rows it claims (<see cref="LeaseOwners"/>).</summary>
    public static string LeaseOwner(string host, int processId) => LeaseOwners.New(host, processId);

    /// <summary>
    /// Writes what the send did, and frees the row, only while this run still holds its lease: a run whose lease ran out
    /// mid-send (a hung provider) must not overwrite what the run that claimed the row next recorded.
    /// </summary>
    private static Task<int> RecordAsync(BarberProDbContext db, Notification n, string owner, CancellationToken ct) =>
        db.Notifications.Where(x => x.Id == n.Id && x.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, n.Status)
                .SetProperty(x => x.Attempts, n.Attempts)
                .SetProperty(x => x.DueAt, n.DueAt)
                .SetProperty(x => x.SentAt, n.SentAt)
                .SetProperty(x => x.ProviderMessageId, n.ProviderMessageId)
                .SetProperty(x => x.LastError, n.LastError)
                .SetProperty(x => x.Body, n.Body)
                .SetProperty(x => x.LeaseOwner, (string?)null)
                .SetProperty(x => x.LeaseUntil, (Instant?)null), ct);

    /// <summary>The claim: one UPDATE over a batch of due, unleased rows.</summary>
    private async Task<int> ClaimAsync(string owner, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var leaseUntil = now + Duration.FromSeconds(options.LeaseSeconds);
        var batch = db.Notifications
            .Where(n => n.Status == NotificationStatus.Due && n.DueAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.DueAt)
            .Select(n => n.Id)
            .Take(options.SendBatchSize);
        // The conditions again on the updated row: on PostgreSQL a run that waited for another's UPDATE re-checks them on
        // the row as the other left it, and skips it.
        return await db.Notifications
            .Where(n => batch.Contains(n.Id) && n.Status == NotificationStatus.Due && n.DueAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, owner).SetProperty(n => n.LeaseUntil, leaseUntil), ct);
    }

    /// <summary>
    /// Notes on the booking that a reminder went out (the first one's time), for the analytics' reminder effect. Only
    /// this column: it leaves the booking's version alone, so no agenda write is disturbed.
    /// </summary>
    private static Task<int> MarkRemindedAsync(BarberProDbContext db, Guid bookingId, Instant sentAt, CancellationToken ct) =>
        db.Bookings.Where(b => b.Id == bookingId && b.ReminderSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ReminderSentAt, (Instant?)sentAt), ct);

    private async Task<bool> SendOneAsync(BarberProDbContext db, Notification notification, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (!await StillAppliesAsync(db, notification, now, ct))
        {
            notification.Cancel();
            return false;
        }

        if (!_channels.TryGetValue(notification.Channel, out var channel))
        {
            Fail(notification, $"No hay un canal {notification.Channel} configurado.", now);
            return false;
        }

        SendResult result;
        try
        {
            result = await channel.SendAsync(new OutgoingMessage(notification.Id, notification.Kind, notification.Recipient, notification.Subject,
                notification.Body, Html(notification), notification.Template, notification.Parameters), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = SendResult.Failed(e.Message);
        }

        now = clock.GetCurrentInstant();
        if (result.Delivered)
        {
            notification.MarkSent(result.ProviderMessageId, now);
            metrics.Sent(notification.Channel, notification.Kind);
            return true;
        }
        Fail(notification, result.Error ?? "El canal no entregó el mensaje.", now);
        return false;
    }

    /// <summary>
    /// The send-time check of what may have changed since the message was queued: the booking a reminder, confirmation or
    /// "moved" notice speaks of (still open, same start, not yet started); the customer's preferences
    /// (<see cref="MessagePreferences"/>); a barber's opt-in.
    /// </summary>
    private static async Task<bool> StillAppliesAsync(BarberProDbContext db, Notification n, Instant now, CancellationToken ct)
    {
        if (n.Kind is NotificationKind.Reminder or NotificationKind.BookingConfirmed or NotificationKind.BookingMoved && n.BookingId is { } bookingId)
        {
            // A reminder, a confirmation or a "moved" notice speaks of an open booking, still ahead; a reminder and a
            // "moved" notice of the time they name (a confirmation goes out even if the customer moved it at once: their
            // own move sends nothing else).
            var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
                .Select(b => new { b.Status, b.Start }).SingleOrDefaultAsync(ct);
            if (booking is null || !booking.Status.IsOpen() || booking.Start <= now
                || (n.Kind != NotificationKind.BookingConfirmed && booking.Start != n.BookingStart))
                return false;
        }
        if (n.Kind == NotificationKind.StaffAgendaChanged)
            return n.UserId is { } staffUserId && await db.Providers.AnyAsync(p => p.UserId == staffUserId && p.NotifyAgendaChanges, ct);
        if (n.CustomerId is { } customerId)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
                .Select(c => new { c.Channels, c.RemindersOff }).SingleOrDefaultAsync(ct);
            if (customer is not null && !MessagePreferences.Allows(customer.Channels, customer.RemindersOff, n.Kind, n.Channel))
                return false;
        }
        return true;
    }

    private void Fail(Notification notification, string error, Instant now)
    {
        var attempt = notification.Attempts + 1;
        Instant? retryAt = attempt >= options.MaxAttempts
            ? null
            : now + Duration.FromSeconds(options.BackoffSeconds * Math.Pow(2, attempt - 1));
        notification.MarkFailed(error, retryAt, now);
        metrics.Failed(notification.Channel, notification.Kind, final: retryAt is null);
    }

    private static string? Html(Notification notification) =>
        notification.Channel == NotificationChannel.Email ? NotificationTemplates.HtmlOf(notification.Body) : null;
}
