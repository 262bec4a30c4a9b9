using NodaTime;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Notifications;

/// <summary>What a customer's reply to a reminder asks for.</summary>
public enum ReplyIntent
{
    None,
    Confirm,
    Cancel,
}

/// <summary>
/// A customer's reply to a reminder ("Confirmo"/"Cancelar" on WhatsApp, "SI"/"NO" by SMS), applied to the reminded
/// booking through <see cref="BookingService.ApplyAsync"/> as the booking's customer, so the lifecycle table decides.
/// A replayed reply changes nothing: confirming a confirmed booking and cancelling a cancelled one are both refused by
/// the lifecycle. When the cancellation window has closed, the customer is told why, with the shop's phone.
/// </summary>
public sealed class InboundReplies(IDbContextFactory<BarberProDbContext> dbFactory, BookingService bookings, IClock clock,
    WhatsAppChannel whatsApp, SmsChannel sms, IStringLocalizer<SharedResource> text, ILogger<InboundReplies> logger)
{
    private const string WindowClosed = "booking.cancellation_window";

    public static ReplyIntent Parse(string? reply) =>
        reply?.Trim().TrimEnd('.', '!').ToUpperInvariant() switch
        {
            WhatsAppChannel.ConfirmPayload or "CONFIRM" or "CONFIRMO" or "CONFIRMAR" or "SI" or "SÍ" => ReplyIntent.Confirm,
            "CANCEL" or "CANCELAR" or "CANCELO" or "NO" => ReplyIntent.Cancel,
            _ => ReplyIntent.None,
        };

    /// <summary>A WhatsApp reply from <paramref name="from"/> (digits, as Meta sends them) to the message <paramref name="contextId"/>.</summary>
    public async Task<BookingOutcome?> ApplyWhatsAppAsync(string from, string? contextId, ReplyIntent intent, CancellationToken ct)
    {
        if (intent == ReplyIntent.None || string.IsNullOrEmpty(contextId))
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reminder = await db.Notifications.AsNoTracking()
            .Where(n => n.ProviderMessageId == contextId && n.Channel == NotificationChannel.WhatsApp && n.Kind == NotificationKind.Reminder && n.BookingId != null)
            .Select(n => new { n.Recipient, n.BookingId, n.BookingStart, Start = db.Bookings.Where(b => b.Id == n.BookingId).Select(b => (Instant?)b.Start).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        // Only the person the reminder went to may answer it, and only about the time it named: a reminder of a booking
        // that has moved since says nothing about the new time.
        if (reminder is null || Digits(reminder.Recipient) != Digits(from) || reminder.Start != reminder.BookingStart)
            return null;
        return await ApplyAsync(reminder.BookingId!.Value, intent, "WhatsApp", t => whatsApp.SendTextAsync(from, t, ct), ct);
    }

    /// <summary>
    /// An SMS reply from <paramref name="from"/> (E.164). An SMS carries no reference to what it answers, so it answers the
    /// latest reminder sent to that phone, and only while that reminder's booking is still at the time it named and has
    /// not started: a repeated "NO" finds the same (now cancelled) booking, never the next one.
    /// </summary>
    public async Task<BookingOutcome?> ApplySmsAsync(string from, ReplyIntent intent, CancellationToken ct)
    {
        if (intent == ReplyIntent.None || string.IsNullOrEmpty(from))
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Notifications.AsNoTracking()
            .Where(n => n.Recipient == from && n.Channel == NotificationChannel.Sms && n.Kind == NotificationKind.Reminder
                && n.Status == NotificationStatus.Sent && n.BookingId != null)
            .OrderByDescending(n => n.SentAt)
            .Select(n => new { n.BookingId, n.BookingStart, Start = db.Bookings.Where(b => b.Id == n.BookingId).Select(b => (Instant?)b.Start).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (latest is null || latest.Start != latest.BookingStart || latest.Start < clock.GetCurrentInstant())
            return null;
        return await ApplyAsync(latest.BookingId!.Value, intent, "SMS", t => sms.SendTextAsync(from, t, ct), ct);
    }

    private async Task<BookingOutcome?> ApplyAsync(Guid bookingId, ReplyIntent intent, string via, Func<string, Task<SendResult>> reply, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var booking = await db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId)
            .Select(b => new { b.Customer!.UserId, ShopName = b.Shop!.Name, ShopPhone = b.Shop.Phone })
            .SingleOrDefaultAsync(ct);
        if (booking?.UserId is not { } userId)
        {
            // A walk-in without an account has no customer to act as; the shop handles it by phone.
            logger.LogInformation("Reply to a reminder of booking {BookingId} ignored: its customer has no account", bookingId);
            return null;
        }
        var action = intent == ReplyIntent.Confirm ? BookingAction.Confirm : BookingAction.Cancel;
        var outcome = await bookings.ApplyAsync(bookingId, action, Actor.Customer(userId), text["Notifications.ReplyReason", via], ct);
        if (outcome is BookingOutcome.Rejected { Error.Code: WindowClosed } rejected)
        {
            var message = string.IsNullOrWhiteSpace(booking.ShopPhone)
                ? rejected.Error.Message
                : text["Notifications.CannotCancelReply", rejected.Error.Message, booking.ShopName, booking.ShopPhone].Value;
            var sent = await reply(message);
            if (!sent.Delivered)
                logger.LogWarning("Could not tell the customer of booking {BookingId} why it was not cancelled: {Error}", bookingId, sent.Error);
        }
        return outcome;
    }

    private static string Digits(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);
}
