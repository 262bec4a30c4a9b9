using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Notifications;

/// <summary>
/// The inbound webhooks over real Kestrel: a signed reply to a reminder confirms or cancels the booking in the
/// database; a bad signature, an unknown or a replayed message change nothing.
/// </summary>
public sealed class WebhooksTests(WebhookWebApp app) : IClassFixture<WebhookWebApp>
{
    private static readonly LocalDate Thursday = new(2027, 1, 7);
    private static readonly LocalDate Friday = new(2027, 1, 8);
    private const string CustomerPhone = "+5491122334455";

    private sealed record Seeded(Guid BookingId, string Wamid, Instant Start);

    /// <summary>A new customer books Nacho at <paramref name="hour"/> (pending), and was sent a reminder with a wamid.</summary>
    private async Task<Seeded> BookAndRemindAsync(int hour, NotificationChannel channel = NotificationChannel.WhatsApp, string phone = CustomerPhone,
        LocalDate? day = null)
    {
        var demo = await app.DemoAsync();
        var (userId, token) = await app.NewCustomerAsync($"wh{hour}");
        using var client = app.Client(token);
        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(day ?? Thursday, hour), null, null));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var booking = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(BookingStatus.Pending, booking.Status);

        await using var db = await Db();
        var start = await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.Start).SingleAsync();
        var now = app.Clock.GetCurrentInstant();
        var wamid = $"wamid.OUT.{Guid.NewGuid():N}";
        var reminder = new Notification($"reminder:test:{booking.Id}:{channel}", NotificationKind.Reminder, channel, phone, null,
            "Recordatorio de tu turno", now, now, demo.ShopId, booking.Id, userId: userId, bookingStart: start);
        reminder.MarkSent(wamid, now);
        db.Notifications.Add(reminder);
        await db.SaveChangesAsync();
        return new Seeded(booking.Id, wamid, start);
    }

    private Task<BarberProDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();

    private async Task<(BookingStatus Status, int History)> StateAsync(Guid bookingId)
    {
        await using var db = await Db();
        var booking = await db.Bookings.Include(b => b.History).AsNoTracking().SingleAsync(b => b.Id == bookingId);
        return (booking.Status, booking.History.Count);
    }

    private static string ButtonReply(string contextId, string payload, string title, string? inboundId = null, string from = "5491122334455") =>
        JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "102290129340398",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "15550783881", phone_number_id = "1098765" },
                                messages = new[]
                                {
                                    new
                                    {
                                        from,
                                        id = inboundId ?? $"wamid.IN.{Guid.NewGuid():N}",
                                        timestamp = "1767790800",
                                        type = "interactive",
                                        context = new { from = "15550783881", id = contextId },
                                        interactive = new { type = "button_reply", button_reply = new { id = payload, title } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        });

    private static string TextReply(string contextId, string text) =>
        ButtonReply(contextId, "", "").Replace("\"type\":\"interactive\"", "\"type\":\"text\"")
            .Replace("\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"\",\"title\":\"\"}}", $"\"text\":{{\"body\":\"{text}\"}}");

    /// <summary>Signed as Meta signs: "sha256=" + hex HMAC-SHA256 of the exact body bytes with the app secret.</summary>
    private static string Sign(string body, string secret = WebhookWebApp.AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private async Task<HttpResponseMessage> PostWhatsAppAsync(string body, string? signature)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/whatsapp")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task WhatsApp_SignedConfirmo_ConfirmsTheRemindedBooking()
    {
        var seeded = await BookAndRemindAsync(10);
        var body = ButtonReply(seeded.Wamid, "confirm", "Confirmo");

        var response = await PostWhatsAppAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await StateAsync(seeded.BookingId)).Status);
    }

    [Fact]
    public async Task WhatsApp_AReplyToAReminderOfAMovedBooking_ChangesNothing()
    {
        var seeded = await BookAndRemindAsync(19);
        using (var owner = await app.ClientForAsync("owner@barberpro.local"))
        {
            var moved = await owner.PostAsJsonAsync($"/api/v1/bookings/{seeded.BookingId}/reschedule",
                new RescheduleBookingRequest(ApiWebApp.At(Thursday, 19, 30)));
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        var before = await StateAsync(seeded.BookingId);
        var body = ButtonReply(seeded.Wamid, "cancel", "Cancelar");

        var response = await PostWhatsAppAsync(body, Sign(body));

        // The reminder named 19:00; the booking is at 19:30 now: "Cancelar" on the old reminder does not cancel the new time.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await StateAsync(seeded.BookingId));
    }

    [Fact]
    public async Task WhatsApp_BadOrMissingSignature_Is401Problem_AndNothingChanges()
    {
        var seeded = await BookAndRemindAsync(11);
        var body = ButtonReply(seeded.Wamid, "confirm", "Confirmo");
        var before = await StateAsync(seeded.BookingId);

        var wrongSecret = await PostWhatsAppAsync(body, Sign(body, "not-the-secret"));
        var tampered = await PostWhatsAppAsync(body.Replace("Confirmo", "Confirmo "), Sign(body));
        var missing = await PostWhatsAppAsync(body, null);
        var garbage = await PostWhatsAppAsync(body, "sha256=zz");

        foreach (var response in new[] { wrongSecret, tampered, missing, garbage })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "webhook.signature");
        Assert.Equal(before, await StateAsync(seeded.BookingId));
        Assert.Equal(BookingStatus.Pending, before.Status);
    }

    [Fact]
    public async Task WhatsApp_ReplayedMessages_ChangeNothing()
    {
        var seeded = await BookAndRemindAsync(12);
        var confirm = ButtonReply(seeded.Wamid, "confirm", "Confirmo", "wamid.IN.confirm-once");
        var cancel = TextReply(seeded.Wamid, "Cancelar");

        Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(confirm, Sign(confirm))).StatusCode);
        var confirmed = await StateAsync(seeded.BookingId);
        Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(confirm, Sign(confirm))).StatusCode);
        var afterConfirmReplay = await StateAsync(seeded.BookingId);
        Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(cancel, Sign(cancel))).StatusCode);
        var cancelled = await StateAsync(seeded.BookingId);
        Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(cancel, Sign(cancel))).StatusCode);
        var afterCancelReplay = await StateAsync(seeded.BookingId);

        Assert.Equal(BookingStatus.Confirmed, confirmed.Status);
        Assert.Equal(confirmed, afterConfirmReplay);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(confirmed.History + 1, cancelled.History);
        Assert.Equal(cancelled, afterCancelReplay);
    }

    [Fact]
    public async Task WhatsApp_UnknownContext_OrAnotherPhone_OrAnyOtherText_Is200_AndNothingChanges()
    {
        var seeded = await BookAndRemindAsync(13);
        var before = await StateAsync(seeded.BookingId);
        string[] bodies =
        [
            ButtonReply("wamid.NOT-SENT-BY-US", "confirm", "Confirmo"),
            ButtonReply(seeded.Wamid, "confirm", "Confirmo", from: "5491100000000"),
            TextReply(seeded.Wamid, "Hola, a qué hora abren?"),
            """{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"id":"x","status":"read"}]}}]}]}""",
            "not json at all",
        ];

        foreach (var body in bodies)
            Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(body, Sign(body))).StatusCode);

        Assert.Equal(before, await StateAsync(seeded.BookingId));
    }

    [Fact]
    public async Task WhatsApp_CancelarInsideTheWindow_IsNotCancelled_AndTheReplySaysWhyWithTheShopsPhone()
    {
        var seeded = await BookAndRemindAsync(15);
        var body = ButtonReply(seeded.Wamid, "cancel", "Cancelar");
        var sentBefore = app.Provider.Requests.Count;
        var clockBefore = app.Clock.GetCurrentInstant();
        app.Clock.Reset(seeded.Start - Duration.FromMinutes(30));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(body, Sign(body))).StatusCode);
        }
        finally
        {
            app.Clock.Reset(clockBefore);
        }

        Assert.Equal(BookingStatus.Pending, (await StateAsync(seeded.BookingId)).Status);
        var reply = Assert.Single(app.Provider.Requests.Skip(sentBefore));
        Assert.Equal("/1098765/messages", reply.Path);
        Assert.Equal("Bearer wa-token", reply.Authorization);
        var json = JsonDocument.Parse(reply.Body).RootElement;
        Assert.Equal("5491122334455", json.GetProperty("to").GetString());
        var text = json.GetProperty("text").GetProperty("body").GetString()!;
        Assert.Contains("Ya no podés cancelar este turno", text);
        Assert.Contains("+54 9 11 4833-2211", text);
    }

    [Fact]
    public async Task WhatsApp_TemplateQuickReplyCancelar_BeforeTheWindow_CancelsTheBooking()
    {
        var seeded = await BookAndRemindAsync(18);
        var body = $$$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "messages":[{"from":"5491122334455","id":"wamid.IN.template","timestamp":"1767790800","type":"button",
            "context":{"from":"15550783881","id":"{{{{seeded.Wamid}}}}"},"button":{"payload":"cancel","text":"Cancelar"}}]}}]}]}
            """;

        Assert.Equal(HttpStatusCode.OK, (await PostWhatsAppAsync(body, Sign(body))).StatusCode);

        Assert.Equal(BookingStatus.Cancelled, (await StateAsync(seeded.BookingId)).Status);
    }

    [Fact]
    public async Task WhatsApp_Handshake_EchoesTheChallenge_OnlyWithTheVerifyToken()
    {
        using var client = app.Client();

        var ok = await client.GetAsync($"/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={WebhookWebApp.VerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        var noToken = await client.GetAsync("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444");
        var wrongMode = await client.GetAsync($"/api/v1/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={WebhookWebApp.VerifyToken}&hub.challenge=1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        foreach (var refused in new[] { wrong, noToken, wrongMode })
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "webhook.verify_token");
    }

    // ---- SMS (Twilio-compatible) ----

    private async Task<HttpResponseMessage> PostSmsAsync(Dictionary<string, string> form, string? authToken = WebhookWebApp.SmsAuthToken)
    {
        using var client = app.Client();
        var url = new Uri(app.BaseAddress, "/api/v1/webhooks/sms").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (authToken is not null)
        {
            // Twilio's scheme: base64 HMAC-SHA1 of the URL followed by each parameter's name and value, sorted by name.
            var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
            request.Headers.Add("X-Twilio-Signature",
                Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data))));
        }
        return await client.SendAsync(request);
    }

    private static Dictionary<string, string> Sms(string from, string body) => new()
    {
        ["MessageSid"] = $"SM{Guid.NewGuid():N}",
        ["AccountSid"] = "AC123",
        ["From"] = from,
        ["To"] = "+15005550006",
        ["Body"] = body,
    };

    [Fact]
    public async Task Sms_SignedSi_ConfirmsTheNextRemindedBooking_AndABadSignatureChangesNothing()
    {
        const string phone = "+5491155550101";
        var seeded = await BookAndRemindAsync(16, NotificationChannel.Sms, phone);

        var forged = await PostSmsAsync(Sms(phone, "SI"), authToken: "not-the-token");
        var unsigned = await PostSmsAsync(Sms(phone, "SI"), authToken: null);
        var afterBad = await StateAsync(seeded.BookingId);
        var unknownSender = await PostSmsAsync(Sms("+5491100000000", "SI"));
        var afterUnknown = await StateAsync(seeded.BookingId);
        var si = await PostSmsAsync(Sms(phone, " si "));

        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Unauthorized, "webhook.signature");
        await ProblemAssert.IsProblemAsync(unsigned, HttpStatusCode.Unauthorized, "webhook.signature");
        Assert.Equal(BookingStatus.Pending, afterBad.Status);
        Assert.Equal(HttpStatusCode.OK, unknownSender.StatusCode);
        Assert.Equal(afterBad, afterUnknown);
        Assert.Equal(HttpStatusCode.OK, si.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await StateAsync(seeded.BookingId)).Status);
    }

    [Fact]
    public async Task Sms_No_CancelsTheNextRemindedBooking_AndAReplayChangesNothing()
    {
        const string phone = "+5491155550202";
        var seeded = await BookAndRemindAsync(17, NotificationChannel.Sms, phone);
        var no = Sms(phone, "NO");

        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(no)).StatusCode);
        var cancelled = await StateAsync(seeded.BookingId);
        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(no)).StatusCode);

        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(cancelled, await StateAsync(seeded.BookingId));
    }

    [Fact]
    public async Task Sms_No_WithTwoRemindedBookings_CancelsOnlyTheOneOfTheLatestReminder_EvenWhenRepeated()
    {
        const string phone = "+5491155550303";
        var earlier = await BookAndRemindAsync(10, NotificationChannel.Sms, phone, Friday);
        app.Clock.Advance(Duration.FromSeconds(1));
        var latest = await BookAndRemindAsync(11, NotificationChannel.Sms, phone, Friday);

        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(Sms(phone, "NO"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(Sms(phone, "NO"))).StatusCode);

        Assert.Equal(BookingStatus.Cancelled, (await StateAsync(latest.BookingId)).Status);
        Assert.Equal(BookingStatus.Pending, (await StateAsync(earlier.BookingId)).Status);
    }

    [Fact]
    public async Task Sms_No_ToAReminderOfABookingThatMovedSince_ChangesNothing()
    {
        const string phone = "+5491155550404";
        var seeded = await BookAndRemindAsync(12, NotificationChannel.Sms, phone, Friday);
        using (var owner = await app.ClientForAsync("owner@barberpro.local"))
        {
            var moved = await owner.PostAsJsonAsync($"/api/v1/bookings/{seeded.BookingId}/reschedule",
                new RescheduleBookingRequest(ApiWebApp.At(Friday, 12, 30)));
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        var before = await StateAsync(seeded.BookingId);

        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(Sms(phone, "NO"))).StatusCode);

        Assert.Equal(before, await StateAsync(seeded.BookingId));
    }

    [Fact]
    public async Task Sms_AFormWithTooManyFields_IsAProblem_Not500()
    {
        var form = Enumerable.Range(0, 1100).ToDictionary(i => $"F{i}", i => "x");

        var response = await PostSmsAsync(form, authToken: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "webhook.form");
    }
}
