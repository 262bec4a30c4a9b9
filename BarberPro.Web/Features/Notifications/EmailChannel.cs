using BarberPro.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BarberPro.Web.Features.Notifications;

/// <summary>
/// Email over SMTP (MailKit): the plain text and, when there is one, the HTML as multipart/alternative. Answers the
/// message's Message-Id. Without a configured server it records only.
/// </summary>
public sealed class EmailChannel(IOptions<EmailChannelOptions> options, ILogger<EmailChannel> logger) : INotificationChannel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly EmailChannelOptions _options = options.Value;

    public NotificationChannel Channel => NotificationChannel.Email;

    public bool SendsForReal => _options.IsConfigured;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!SendsForReal)
            return NotificationChannels.RecordOnly(message);
        try
        {
            var mail = Compose(message);
            using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
            var security = !_options.UseTls ? SecureSocketOptions.None
                : _options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(_options.Host!, _options.Port, security, ct);
            if (!string.IsNullOrEmpty(_options.User))
                await smtp.AuthenticateAsync(_options.User, _options.Password ?? "", ct);
            await smtp.SendAsync(mail, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            return SendResult.Ok(mail.MessageId);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Email {NotificationId} was not sent", message.NotificationId);
            return SendResult.Failed($"SMTP: {e.Message}");
        }
    }

    private MimeMessage Compose(OutgoingMessage message)
    {
        var mail = new MimeMessage();
        var from = MailboxAddress.Parse(_options.From!);
        mail.From.Add(from);
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(from.Domain);
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Subject = message.Subject ?? "";
        var body = new BodyBuilder { TextBody = message.Text };
        if (!string.IsNullOrEmpty(message.Html))
            body.HtmlBody = message.Html;
        mail.Body = body.ToMessageBody();
        return mail;
    }
}
