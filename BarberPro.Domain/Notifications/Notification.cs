using System.Text.RegularExpressions;
using NodaTime;

namespace BarberPro.Domain.Notifications;

/// <summary>How a message reaches a person.</summary>
public enum NotificationChannel
{
    Email,
    WhatsApp,
    Sms,
}

/// <summary>What a message is about.</summary>
public enum NotificationKind
{
    BookingConfirmed,
    BookingMoved,
    BookingCancelled,
    Reminder,
    WaitlistOffered,
    SessionCancelled,
    SeriesCreated,
    /// <summary>To a barber: a customer booked, moved or cancelled in their agenda (opt-in).</summary>
    StaffAgendaChanged,
    AccountEmailConfirmation,
    AccountPasswordReset,
}

public enum NotificationStatus
{
    /// <summary>To be sent at <see cref="Notification.DueAt"/> (also after a failed try, with backoff).</summary>
    Due,
    Sent,
    /// <summary>Every try failed; shown as failed on the "Mensajes" page.</summary>
    Failed,
    /// <summary>No longer applies (the booking was cancelled or moved before its reminder was due).</summary>
    Cancelled,
}

/// <summary>
/// One message to one person over one channel: a row of the notifications outbox. Our table is the truth of what is due
/// and what was sent; a job only schedules the sending. <see cref="Key"/> is unique, so the same event never yields the
/// same message twice (a planner that runs again, or on two servers, inserts nothing new). A sender claims due rows with
/// a lease (<see cref="LeaseOwner"/>, <see cref="LeaseUntil"/>) in one UPDATE, never read-then-write, so overlapping runs
/// and several servers send each message once.
/// </summary>
public sealed partial class Notification
{
    public const int MaxKeyLength = 200;
    public const int MaxRecipientLength = 320;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 4000;
    public const int MaxTemplateLength = 100;
    public const int MaxParametersLength = 4000;
    public const int MaxErrorLength = 1000;
    public const int MaxLeaseOwnerLength = Common.LeaseOwners.MaxLength;
    public const int MaxProviderMessageIdLength = 200;

    private Notification() { }

    public Notification(string key, NotificationKind kind, NotificationChannel channel, string recipient, string? subject, string body,
        Instant dueAt, Instant now, Guid? shopId = null, Guid? bookingId = null, Guid? customerId = null, string? userId = null,
        Instant? bookingStart = null, string? template = null, string? parameters = null)
    {
        Id = Guid.CreateVersion7();
        Key = key;
        Kind = kind;
        Channel = channel;
        Recipient = recipient;
        Subject = subject;
        Body = body;
        DueAt = dueAt;
        CreatedAt = now;
        ShopId = shopId;
        BookingId = bookingId;
        CustomerId = customerId;
        UserId = userId;
        BookingStart = bookingStart;
        Template = template;
        Parameters = parameters;
        Status = NotificationStatus.Due;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique: what makes this message this message (e.g. <c>reminder:24h:{bookingId}:{start ticks}:whatsapp</c>).</summary>
    public string Key { get; private set; } = "";

    public NotificationKind Kind { get; private set; }
    public NotificationChannel Channel { get; private set; }

    /// <summary>An email address, or a phone in E.164 (+549…).</summary>
    public string Recipient { get; private set; } = "";

    public string? Subject { get; private set; }

    /// <summary>The rendered text (Spanish, or the customer's language): the plain-text body of an email, the SMS text, the WhatsApp text.</summary>
    public string Body { get; private set; } = "";

    /// <summary>For WhatsApp template messages: the approved template's name; null for free text.</summary>
    public string? Template { get; private set; }

    /// <summary>For WhatsApp template messages: the template's parameters as a JSON array of strings.</summary>
    public string? Parameters { get; private set; }

    public Guid? ShopId { get; private set; }
    public Guid? BookingId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string? UserId { get; private set; }

    /// <summary>For booking messages: the booking's start when the message was planned; the sender skips a reminder whose booking has moved since.</summary>
    public Instant? BookingStart { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>When to send (a reminder's time; after a failed try, the next try's).</summary>
    public Instant DueAt { get; private set; }

    public NotificationStatus Status { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>Which sender run holds the row, and until when; a lease that ran out may be claimed again.</summary>
    public string? LeaseOwner { get; private set; }
    public Instant? LeaseUntil { get; private set; }

    public Instant? SentAt { get; private set; }

    /// <summary>The provider's id for the sent message (SMTP Message-Id, WhatsApp wamid, SMS sid): how a reply is matched.</summary>
    public string? ProviderMessageId { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>What takes the place of a link in an account message once it was sent (or failed for good).</summary>
    public const string RemovedLink = "[enlace quitado]";

    /// <summary>Account messages (email confirmation, password reset): sent whatever the customer chose, and their links carry tokens.</summary>
    public static bool IsAccountKind(NotificationKind kind) => kind is NotificationKind.AccountEmailConfirmation or NotificationKind.AccountPasswordReset;

    public void MarkSent(string? providerMessageId, Instant now)
    {
        ForgetAccountLinks();
        Status = NotificationStatus.Sent;
        // Kept clipped: an id longer than the column (a gateway's own format) must not fail the record of a message that left.
        ProviderMessageId = providerMessageId?.Length > MaxProviderMessageIdLength ? providerMessageId[..MaxProviderMessageIdLength] : providerMessageId;
        SentAt = now;
        Attempts++;
        LeaseOwner = null;
        LeaseUntil = null;
        LastError = null;
    }

    /// <summary>A failed try: due again at <paramref name="retryAt"/>, or failed for good when <paramref name="retryAt"/> is null.</summary>
    public void MarkFailed(string error, Instant? retryAt, Instant now)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        LeaseOwner = null;
        LeaseUntil = null;
        if (retryAt is { } next)
        {
            DueAt = next;
            return;
        }
        Status = NotificationStatus.Failed;
        ForgetAccountLinks();
    }

    /// <summary>
    /// An account message's link carries a live token (a password reset's opens the account): once the message left, or
    /// will never leave, the stored copy keeps the text without it.
    /// </summary>
    private void ForgetAccountLinks()
    {
        if (IsAccountKind(Kind))
            Body = Links().Replace(Body, RemovedLink);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();

    /// <summary>
    /// The message no longer applies (its booking was cancelled or moved, the customer turned it off); it is not sent. A
    /// lease is left as it is: the sender that holds it still records what its send did.
    /// </summary>
    public void Cancel() => Status = NotificationStatus.Cancelled;

    /// <summary>A cancelled message, never sent, that applies again (its booking moved back to this time): due as <paramref name="planned"/> says, with its content.</summary>
    public void PlanAgain(Notification planned, Instant now)
    {
        // Never one that left (a send that raced the planner's cancel).
        if (Status != NotificationStatus.Cancelled || SentAt is not null)
            return;
        Status = NotificationStatus.Due;
        Recipient = planned.Recipient;
        Subject = planned.Subject;
        Body = planned.Body;
        Template = planned.Template;
        Parameters = planned.Parameters;
        DueAt = planned.DueAt;
        BookingStart = planned.BookingStart;
        CreatedAt = now;
        Attempts = 0;
        LastError = null;
    }
}
