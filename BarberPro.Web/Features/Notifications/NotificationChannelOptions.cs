namespace BarberPro.Web.Features.Notifications;

/// <summary><c>Notifications:Email</c>: an SMTP server. Without <see cref="Host"/> and <see cref="From"/> the channel records only.</summary>
public sealed class EmailChannelOptions
{
    public const string Section = "Notifications:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>TLS: implicit on port 465, STARTTLS on any other port; false talks plain SMTP (a local relay).</summary>
    public bool UseTls { get; set; } = true;

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>BarberPro &lt;turnos@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary><c>Notifications:WhatsApp</c>: the WhatsApp Cloud API. Without a phone-number id and a token the channel records only.</summary>
public sealed class WhatsAppChannelOptions
{
    public const string Section = "Notifications:WhatsApp";

    public string BaseUrl { get; set; } = "https://graph.facebook.com/v21.0";
    public string? PhoneNumberId { get; set; }
    public string? AccessToken { get; set; }

    /// <summary>Signs inbound webhooks (X-Hub-Signature-256); without it every inbound POST is refused.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Answers Meta's subscription handshake (hub.verify_token); without it the handshake is refused.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The language of template messages.</summary>
    public string TemplateLanguage { get; set; } = "es_AR";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PhoneNumberId) && !string.IsNullOrWhiteSpace(AccessToken);
}

/// <summary><c>Notifications:Sms</c>: a Twilio-compatible API. Without account, token and sender the channel records only.</summary>
public sealed class SmsChannelOptions
{
    public const string Section = "Notifications:Sms";

    public string BaseUrl { get; set; } = "https://api.twilio.com";
    public string? AccountSid { get; set; }

    /// <summary>Basic-auth password for sending, and the key of inbound webhooks' X-Twilio-Signature.</summary>
    public string? AuthToken { get; set; }

    public string? From { get; set; }

    /// <summary>
    /// The public URL the provider posts inbound SMS to (e.g. <c>https://turnos.example.com/api/v1/webhooks/sms</c>), which
    /// the signature covers; when unset, the request's own URL (right when the app is reached directly, not behind a proxy
    /// that changes the scheme or host).
    /// </summary>
    public string? WebhookUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(From);
}
