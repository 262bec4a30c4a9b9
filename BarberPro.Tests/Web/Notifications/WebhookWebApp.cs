using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Notifications;

/// <summary>
/// The app with the webhooks' secrets set and its WhatsApp channel pointed at a <see cref="FakeMessagingProvider"/> on
/// loopback (so replies the app sends are recorded); SMS has only its auth token, so it records only.
/// </summary>
public sealed class WebhookWebApp : ApiWebApp
{
    public const string AppSecret = "whatsapp-app-secret-for-tests";
    public const string VerifyToken = "verify-me-please";
    public const string SmsAuthToken = "twilio-auth-token-for-tests";

    // Initialised before the base constructor starts the app, which reads Settings.
    private readonly FakeMessagingProvider _provider = FakeMessagingProvider.Start();

    public FakeMessagingProvider Provider => _provider;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Notifications:WhatsApp:BaseUrl"] = _provider.BaseAddress.ToString(),
        ["Notifications:WhatsApp:PhoneNumberId"] = "1098765",
        ["Notifications:WhatsApp:AccessToken"] = "wa-token",
        ["Notifications:WhatsApp:AppSecret"] = AppSecret,
        ["Notifications:WhatsApp:VerifyToken"] = VerifyToken,
        ["Notifications:Sms:AuthToken"] = SmsAuthToken,
        ["Notifications:Http:Retry:Delay"] = "00:00:00.001",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
