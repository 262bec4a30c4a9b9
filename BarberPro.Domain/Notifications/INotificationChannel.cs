namespace BarberPro.Domain.Notifications;

/// <summary>What a channel is asked to deliver: one <see cref="Notification"/>'s content.</summary>
/// <param name="Html">For email: the HTML body (the plain-text <paramref name="Text"/> goes along as the alternative).</param>
/// <param name="Template">For WhatsApp: an approved template's name, with <paramref name="Parameters"/> (JSON array of strings).</param>
public sealed record OutgoingMessage(Guid NotificationId, NotificationKind Kind, string Recipient, string? Subject, string Text,
    string? Html = null, string? Template = null, string? Parameters = null);

/// <summary>How a send went: delivered to the provider (with its message id), or failed (with why; the sender retries).</summary>
public sealed record SendResult(bool Delivered, string? ProviderMessageId, string? Error)
{
    public static SendResult Ok(string? providerMessageId) => new(true, providerMessageId, null);
    public static SendResult Failed(string error) => new(false, null, error);
}

/// <summary>
/// One way of reaching people (email over SMTP, WhatsApp Cloud API, SMS over a Twilio-compatible API). A channel whose
/// configuration is missing records only: it answers delivered without sending anything outside (the development default).
/// Implementations live in the web project (they speak SMTP and HTTP); the domain only calls this.
/// </summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    /// <summary>Whether it really sends (its provider is configured) or only records.</summary>
    bool SendsForReal { get; }

    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}
