using System.Text.Json;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Notifications;

/// <summary>
/// Inbound webhooks of the messaging providers: anonymous (the providers sign them instead), rate-limited per IP like
/// the other public doors. A signed message that matches nothing is answered 200 and changes nothing, so the provider
/// does not retry it.
/// </summary>
public static class NotificationWebhooks
{
    public const string WhatsAppPath = "/api/v1/webhooks/whatsapp";
    public const string SmsPath = "/api/v1/webhooks/sms";

    public static IEndpointRouteBuilder MapNotificationWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").AllowAnonymous()
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy);

        group.MapGet("/whatsapp", VerifyWhatsApp)
            .WithName("VerifyWhatsAppWebhook")
            .WithSummary("Handshake de suscripción del webhook de WhatsApp")
            .WithDescription("Meta llama con hub.mode=subscribe, hub.verify_token y hub.challenge. Si el token coincide con "
                + "Notifications:WhatsApp:VerifyToken se responde hub.challenge como texto; si no, 403.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithResponseExample(StatusCodes.Status200OK, "1158201444");
        group.MapPost("/whatsapp", ReceiveWhatsApp)
            .WithName("ReceiveWhatsAppWebhook")
            .WithSummary("Mensajes entrantes de WhatsApp (respuestas a recordatorios)")
            .WithDescription("Cuerpo firmado por Meta: X-Hub-Signature-256 = \"sha256=\" + HMAC-SHA256 del cuerpo con "
                + "Notifications:WhatsApp:AppSecret; sin firma válida, 401 y nada cambia. Un botón \"Confirmo\"/\"Cancelar\" "
                + "(o ese texto) en respuesta a un recordatorio confirma o cancela el turno como su cliente; si ya no se puede "
                + "cancelar, se le responde por qué con el teléfono del local. Mensajes desconocidos o repetidos: 200 sin cambios.")
            .Accepts<JsonElement>("application/json")
            .WithRequestExample(WhatsAppExample);
        group.MapPost("/sms", ReceiveSms)
            .WithName("ReceiveSmsWebhook")
            .WithSummary("SMS entrantes (compatible con Twilio)")
            .WithDescription("Formulario From/Body/MessageSid firmado con X-Twilio-Signature (HMAC-SHA1 de la URL más los "
                + "parámetros ordenados, con Notifications:Sms:AuthToken); sin firma válida, 401. \"SI\" confirma y \"NO\" cancela "
                + "el próximo turno recordado a ese teléfono. Remitentes o textos desconocidos: 200 sin cambios.")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .WithRequestExample(new Dictionary<string, string>
            {
                ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
                ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
                ["From"] = "+5491122334455",
                ["To"] = "+5491148332211",
                ["Body"] = "SI",
            });
        return app;
    }

    /// <summary>A reply to a reminder as the Cloud API posts it: the "Confirmo" button, in answer to our message <c>context.id</c>.</summary>
    private static readonly object WhatsAppExample = new Dictionary<string, object>
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new[]
        {
            new Dictionary<string, object>
            {
                ["id"] = "102290129340398",
                ["changes"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["field"] = "messages",
                        ["value"] = new Dictionary<string, object>
                        {
                            ["messaging_product"] = "whatsapp",
                            ["messages"] = new[]
                            {
                                new Dictionary<string, object>
                                {
                                    ["from"] = "5491122334455",
                                    ["id"] = "wamid.HBgNNTQ5MTEyMjMzNDQ1NRUCABIYFjNFQjBDMkI0",
                                    ["timestamp"] = "1767790800",
                                    ["type"] = "interactive",
                                    ["context"] = new Dictionary<string, object> { ["from"] = "5491148332211", ["id"] = "wamid.HBgNNTQ5MTEyMjMzNDQ1NRUCABEYEjA5OTg3" },
                                    ["interactive"] = new Dictionary<string, object>
                                    {
                                        ["type"] = "button_reply",
                                        ["button_reply"] = new Dictionary<string, object> { ["id"] = WhatsAppChannel.ConfirmPayload, ["title"] = WhatsAppChannel.ConfirmTitle },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    private static Results<ContentHttpResult, ForbiddenProblem> VerifyWhatsApp(
        [FromQuery(Name = "hub.mode")] string? mode, [FromQuery(Name = "hub.verify_token")] string? token,
        [FromQuery(Name = "hub.challenge")] string? challenge, IOptions<WhatsAppChannelOptions> options)
    {
        var expected = options.Value.VerifyToken;
        var ok = mode == "subscribe" && !string.IsNullOrEmpty(expected) && token is not null
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(expected));
        return ok
            ? TypedResults.Text(challenge ?? "", "text/plain")
            : ApiProblems.Forbidden(new("webhook.verify_token", "El token de verificación no coincide."));
    }

    private static async Task<Results<Ok, UnauthorizedProblem>> ReceiveWhatsApp(HttpRequest request,
        IOptions<WhatsAppChannelOptions> options, InboundReplies replies, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!WebhookSignatures.IsValidWhatsApp(body, request.Headers["X-Hub-Signature-256"], options.Value.AppSecret))
            return ApiProblems.Unauthorized("La firma del webhook no es válida.", "webhook.signature");
        foreach (var reply in WhatsAppReplies(body))
            await replies.ApplyWhatsAppAsync(reply.From, reply.ContextId, reply.Intent, ct);
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok, UnauthorizedProblem, InvalidProblem>> ReceiveSms(HttpRequest request,
        IOptions<SmsChannelOptions> options, InboundReplies replies, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = request.HasFormContentType ? await request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (InvalidDataException)
        {
            // Over the form limits (fields, lengths): not a provider's message.
            return ApiProblems.Invalid("Body", "El formulario del webhook no se puede leer.", "webhook.form");
        }
        var fields = form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())).ToList();
        var url = string.IsNullOrWhiteSpace(options.Value.WebhookUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}"
            : options.Value.WebhookUrl;
        if (!WebhookSignatures.IsValidTwilio(url, fields, request.Headers["X-Twilio-Signature"], options.Value.AuthToken))
            return ApiProblems.Unauthorized("La firma del webhook no es válida.", "webhook.signature");
        await replies.ApplySmsAsync(form["From"].ToString(), InboundReplies.Parse(form["Body"]), ct);
        return TypedResults.Ok();
    }

    private sealed record WhatsAppReply(string From, string? ContextId, ReplyIntent Intent);

    /// <summary>The replies in a Cloud API notification (entry[].changes[].value.messages[]); anything else is skipped.</summary>
    private static List<WhatsAppReply> WhatsAppReplies(byte[] body)
    {
        var found = new List<WhatsAppReply>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var entry in Array(doc.RootElement, "entry"))
            foreach (var change in Array(entry, "changes"))
            {
                if (!change.TryGetProperty("value", out var value))
                    continue;
                foreach (var message in Array(value, "messages"))
                {
                    var from = String(message, "from");
                    var context = message.TryGetProperty("context", out var c) ? String(c, "id") : null;
                    var answer = String(message, "type") switch
                    {
                        "button" when message.TryGetProperty("button", out var b) => String(b, "payload") ?? String(b, "text"),
                        "interactive" when message.TryGetProperty("interactive", out var i) && i.TryGetProperty("button_reply", out var r) => String(r, "id") ?? String(r, "title"),
                        "text" when message.TryGetProperty("text", out var t) => String(t, "body"),
                        _ => null,
                    };
                    if (from is not null)
                        found.Add(new WhatsAppReply(from, context, InboundReplies.Parse(answer)));
                }
            }
        }
        catch (JsonException)
        {
            // Signed but not JSON we understand: nothing to apply.
        }
        return found;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
