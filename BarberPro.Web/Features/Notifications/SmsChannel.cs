using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BarberPro.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Notifications;

/// <summary>
/// SMS over a Twilio-compatible API: POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded
/// To/From/Body, basic auth AccountSid:AuthToken. Answers the message's sid. Timeouts and retries are the named
/// HttpClient's resilience pipeline.
/// </summary>
public sealed class SmsChannel(IHttpClientFactory http, IOptions<SmsChannelOptions> options, ILogger<SmsChannel> logger) : INotificationChannel
{
    public const string HttpClientName = "BarberPro.Notifications.Sms";

    private readonly SmsChannelOptions _options = options.Value;

    public NotificationChannel Channel => NotificationChannel.Sms;

    public bool SendsForReal => _options.IsConfigured;

    public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) =>
        SendsForReal ? SendTextAsync(message.Recipient, message.Text, message.NotificationId, ct) : Task.FromResult(NotificationChannels.RecordOnly(message));

    /// <summary>A text outside any notification row (a reply to an inbound message).</summary>
    public Task<SendResult> SendTextAsync(string to, string text, CancellationToken ct) =>
        SendsForReal ? SendTextAsync(to, text, Guid.Empty, ct) : Task.FromResult(SendResult.Ok($"local-{Guid.NewGuid():N}"));

    private async Task<SendResult> SendTextAsync(string to, string text, Guid notificationId, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"{_options.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(_options.AccountSid!)}/Messages.json")
            {
                Content = new FormUrlEncodedContent([new("To", to), new("From", _options.From!), new("Body", text)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                return SendResult.Failed($"SMS: HTTP {(int)response.StatusCode} {WhatsAppChannel.Truncate(body)}");
            // Taken (2xx) is delivered, whatever the body says (see WhatsAppChannel).
            var sid = WhatsAppChannel.ProviderId(body, json => json?["sid"]);
            if (sid is null)
                logger.LogWarning("The SMS provider took message {NotificationId} but answered no sid: {Body}", notificationId, WhatsAppChannel.Truncate(body));
            return SendResult.Ok(sid);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "SMS {NotificationId} was not sent", notificationId);
            return SendResult.Failed($"SMS: {e.Message}");
        }
    }
}
