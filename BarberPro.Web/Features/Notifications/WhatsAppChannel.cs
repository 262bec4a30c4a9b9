using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarberPro.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Notifications;

/// <summary>
/// WhatsApp Cloud API: POST {BaseUrl}/{PhoneNumberId}/messages with the access token. A message with a template goes
/// as that template (its parameters as the body's); otherwise as text. A reminder carries the quick replies
/// "Confirmo"/"Cancelar" (<see cref="ConfirmPayload"/>, <see cref="CancelPayload"/>), which the webhook reads back.
/// Answers the wamid. Timeouts and retries are the named HttpClient's resilience pipeline.
/// </summary>
public sealed class WhatsAppChannel(IHttpClientFactory http, IOptions<WhatsAppChannelOptions> options, ILogger<WhatsAppChannel> logger)
    : INotificationChannel
{
    public const string HttpClientName = "BarberPro.Notifications.WhatsApp";
    public const string ConfirmPayload = "confirm";
    public const string CancelPayload = "cancel";
    public const string ConfirmTitle = "Confirmo";
    public const string CancelTitle = "Cancelar";

    /// <summary>The Cloud API's limit on an interactive message's body.</summary>
    private const int MaxInteractiveBody = 1024;

    private readonly WhatsAppChannelOptions _options = options.Value;

    public NotificationChannel Channel => NotificationChannel.WhatsApp;

    public bool SendsForReal => _options.IsConfigured;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!SendsForReal)
            return NotificationChannels.RecordOnly(message);
        JsonObject payload;
        try
        {
            payload = Payload(message);
        }
        catch (JsonException e)
        {
            return SendResult.Failed($"WhatsApp: los parámetros de la plantilla no son una lista JSON de textos ({e.Message}).");
        }
        return await PostAsync(payload, message.NotificationId, ct);
    }

    /// <summary>A free-text message (a reply to an inbound message), outside any notification row.</summary>
    public Task<SendResult> SendTextAsync(string to, string text, CancellationToken ct) =>
        SendsForReal
            ? PostAsync(Message(to, "text", new JsonObject { ["body"] = text }), Guid.Empty, ct)
            : Task.FromResult(SendResult.Ok($"local-{Guid.NewGuid():N}"));

    private async Task<SendResult> PostAsync(JsonObject payload, Guid notificationId, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.BaseUrl.TrimEnd('/')}/{_options.PhoneNumberId}/messages")
            {
                Content = JsonContent(payload),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                return SendResult.Failed($"WhatsApp: HTTP {(int)response.StatusCode} {Truncate(body)}");
            // Taken (2xx) is delivered, whatever the body says: failing it would send it again. Without an id, replies to
            // it cannot be matched; that is logged.
            var id = ProviderId(body, json => json?["messages"]?[0]?["id"]);
            if (id is null)
                logger.LogWarning("WhatsApp took message {NotificationId} but answered no message id: {Body}", notificationId, Truncate(body));
            return SendResult.Ok(id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "WhatsApp message {NotificationId} was not sent", notificationId);
            return SendResult.Failed($"WhatsApp: {e.Message}");
        }
    }

    /// <summary>The provider's message id in a JSON answer, or null when the answer is not JSON or has none.</summary>
    internal static string? ProviderId(string body, Func<JsonNode?, JsonNode?> find)
    {
        try
        {
            return find(JsonNode.Parse(body)) is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Not JSON, an empty list, or a node of another kind than looked for.
            return null;
        }
    }

    internal JsonObject Payload(OutgoingMessage message)
    {
        var reminder = message.Kind == NotificationKind.Reminder;
        if (!string.IsNullOrEmpty(message.Template))
        {
            var parameters = string.IsNullOrEmpty(message.Parameters) ? [] : JsonSerializer.Deserialize<string[]>(message.Parameters) ?? [];
            var components = new JsonArray();
            if (parameters.Length > 0)
                components.Add(new JsonObject
                {
                    ["type"] = "body",
                    ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
                });
            if (reminder)
            {
                // The template's own quick-reply buttons, given the payloads the webhook recognises.
                components.Add(QuickReply(0, ConfirmPayload));
                components.Add(QuickReply(1, CancelPayload));
            }
            var template = new JsonObject
            {
                ["name"] = message.Template,
                ["language"] = new JsonObject { ["code"] = _options.TemplateLanguage },
            };
            if (components.Count > 0)
                template["components"] = components;
            return Message(message.Recipient, "template", template);
        }
        if (reminder)
            return Message(message.Recipient, "interactive", new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = message.Text.Length > MaxInteractiveBody ? message.Text[..MaxInteractiveBody] : message.Text },
                ["action"] = new JsonObject
                {
                    ["buttons"] = new JsonArray(Button(ConfirmPayload, ConfirmTitle), Button(CancelPayload, CancelTitle)),
                },
            });
        return Message(message.Recipient, "text", new JsonObject { ["body"] = message.Text });
    }

    private static JsonObject Message(string to, string type, JsonObject content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to.TrimStart('+'),
        ["type"] = type,
        [type] = content,
    };

    private static JsonObject QuickReply(int index, string payload) => new()
    {
        ["type"] = "button",
        ["sub_type"] = "quick_reply",
        ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["parameters"] = new JsonArray(new JsonObject { ["type"] = "payload", ["payload"] = payload }),
    };

    private static JsonObject Button(string id, string title) => new()
    {
        ["type"] = "reply",
        ["reply"] = new JsonObject { ["id"] = id, ["title"] = title },
    };

    private static StringContent JsonContent(JsonNode payload) =>
        new(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    internal static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
