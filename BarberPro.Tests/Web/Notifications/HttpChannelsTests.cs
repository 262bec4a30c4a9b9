using System.Text;
using System.Text.Json;
using BarberPro.Domain.Notifications;
using BarberPro.Web.Features.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Notifications;

/// <summary>The WhatsApp and SMS channels against real HTTP servers on loopback, through the app's own registration.</summary>
public sealed class HttpChannelsTests : IAsyncLifetime
{
    private FakeMessagingProvider _provider = null!;

    public Task InitializeAsync()
    {
        _provider = FakeMessagingProvider.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private static ServiceProvider Channels(Dictionary<string, string?> settings)
    {
        // Retries keep their count and backoff shape; only the base delay is shortened so the test does not wait seconds.
        settings["Notifications:Http:Retry:Delay"] = "00:00:00.001";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddNotificationChannels(configuration);
        return services.BuildServiceProvider();
    }

    private ServiceProvider WhatsApp() => Channels(new()
    {
        ["Notifications:WhatsApp:BaseUrl"] = new Uri(_provider.BaseAddress, "/v21.0").ToString(),
        ["Notifications:WhatsApp:PhoneNumberId"] = "1098765",
        ["Notifications:WhatsApp:AccessToken"] = "wa-token",
    });

    private ServiceProvider Sms() => Channels(new()
    {
        ["Notifications:Sms:BaseUrl"] = _provider.BaseAddress.ToString(),
        ["Notifications:Sms:AccountSid"] = "AC123",
        ["Notifications:Sms:AuthToken"] = "sms-token",
        ["Notifications:Sms:From"] = "+15005550006",
    });

    private static INotificationChannel Channel(ServiceProvider services, NotificationChannel channel) =>
        services.GetServices<INotificationChannel>().Single(c => c.Channel == channel);

    private static OutgoingMessage Message(NotificationKind kind = NotificationKind.BookingConfirmed, string? template = null, string? parameters = null) =>
        new(Guid.NewGuid(), kind, "+5491122334455", null, "Tu turno en BarberPro Palermo es el martes 9 de diciembre, 17:30.",
            Template: template, Parameters: parameters);

    [Fact]
    public async Task WhatsApp_Text_PostsToThePhoneNumbersMessages_WithTheToken_AndAnswersTheWamid()
    {
        await using var services = WhatsApp();
        var channel = Channel(services, NotificationChannel.WhatsApp);

        var result = await channel.SendAsync(Message(), default);

        Assert.True(channel.SendsForReal);
        Assert.True(result.Delivered, result.Error);
        Assert.Equal("wamid.TEST1", result.ProviderMessageId);
        var request = Assert.Single(_provider.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v21.0/1098765/messages", request.Path);
        Assert.Equal("Bearer wa-token", request.Authorization);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("whatsapp", body.GetProperty("messaging_product").GetString());
        Assert.Equal("5491122334455", body.GetProperty("to").GetString());
        Assert.Equal("text", body.GetProperty("type").GetString());
        Assert.StartsWith("Tu turno en BarberPro Palermo", body.GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public async Task WhatsApp_Template_SendsItsNameLanguageAndParameters_AndAReminderItsQuickReplies()
    {
        await using var services = WhatsApp();
        var channel = Channel(services, NotificationChannel.WhatsApp);

        var result = await channel.SendAsync(Message(NotificationKind.Reminder, "recordatorio_turno", """["Juan","martes 9 de diciembre, 17:30"]"""), default);

        Assert.True(result.Delivered, result.Error);
        var template = JsonDocument.Parse(Assert.Single(_provider.Requests).Body).RootElement.GetProperty("template");
        Assert.Equal("recordatorio_turno", template.GetProperty("name").GetString());
        Assert.Equal("es_AR", template.GetProperty("language").GetProperty("code").GetString());
        var components = template.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["Juan", "martes 9 de diciembre, 17:30"],
            components[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        Assert.Equal([WhatsAppChannel.ConfirmPayload, WhatsAppChannel.CancelPayload],
            components.Skip(1).Select(c => c.GetProperty("parameters")[0].GetProperty("payload").GetString()));
    }

    [Fact]
    public async Task WhatsApp_ReminderWithoutTemplate_IsAnInteractiveMessage_WithConfirmoAndCancelar()
    {
        await using var services = WhatsApp();
        var channel = Channel(services, NotificationChannel.WhatsApp);

        var result = await channel.SendAsync(Message(NotificationKind.Reminder), default);

        Assert.True(result.Delivered, result.Error);
        var body = JsonDocument.Parse(Assert.Single(_provider.Requests).Body).RootElement;
        Assert.Equal("interactive", body.GetProperty("type").GetString());
        var buttons = body.GetProperty("interactive").GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => (b.GetProperty("reply").GetProperty("id").GetString(), b.GetProperty("reply").GetProperty("title").GetString()));
        Assert.Equal([("confirm", "Confirmo"), ("cancel", "Cancelar")], buttons);
    }

    [Fact]
    public async Task WhatsApp_TwoUnavailablesThenOk_IsRetriedByThePipeline_AndDelivered()
    {
        await using var services = WhatsApp();
        _provider.FailNext(503, 429);

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("wamid.TEST3", result.ProviderMessageId);
        Assert.Equal(3, _provider.Requests.Count);
    }

    [Fact]
    public async Task WhatsApp_AServerError_IsNotSentAgainByThePipeline_TheOutboxRetriesIt()
    {
        await using var services = WhatsApp();
        // The provider may have taken the message before failing: a second POST could deliver it twice.
        _provider.FailNext(500);

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.False(result.Delivered);
        Assert.Contains("500", result.Error);
        Assert.Single(_provider.Requests);
    }

    [Theory]
    [InlineData("<html>ok</html>")]
    [InlineData("{\"messages\":[]}")]
    [InlineData("")]
    public async Task WhatsApp_ASuccessWithAnAnswerWeCannotRead_IsDelivered_WithoutAnId(string answer)
    {
        await using var services = WhatsApp();
        // The provider took the message (2xx); failing it would send it again.
        _provider.AnswerNextSuccess(answer);

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.True(result.Delivered, result.Error);
        Assert.Null(result.ProviderMessageId);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task WhatsApp_ServerErrorsOutlastingTheRetries_AreAFailedResult_NotAnException()
    {
        await using var services = WhatsApp();
        _provider.FailNext(503, 503, 503, 503, 503);

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.False(result.Delivered);
        Assert.Null(result.ProviderMessageId);
        Assert.Contains("503", result.Error);
        Assert.Equal(4, _provider.Requests.Count); // the first try and the pipeline's three retries
    }

    [Fact]
    public async Task WhatsApp_ARefusal_IsNotRetried_AndIsFailed()
    {
        await using var services = WhatsApp();
        _provider.FailNext(400);

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.False(result.Delivered);
        Assert.Contains("400", result.Error);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task WhatsApp_ProviderUnreachable_IsFailed()
    {
        var unreachable = _provider.BaseAddress;
        await _provider.DisposeAsync();
        _provider = FakeMessagingProvider.Start();
        await using var services = Channels(new()
        {
            ["Notifications:WhatsApp:BaseUrl"] = unreachable.ToString(),
            ["Notifications:WhatsApp:PhoneNumberId"] = "1",
            ["Notifications:WhatsApp:AccessToken"] = "t",
        });

        var result = await Channel(services, NotificationChannel.WhatsApp).SendAsync(Message(), default);

        Assert.False(result.Delivered);
        Assert.StartsWith("WhatsApp:", result.Error);
    }

    [Fact]
    public async Task Sms_PostsTheFormWithBasicAuth_AndAnswersTheSid()
    {
        await using var services = Sms();
        var channel = Channel(services, NotificationChannel.Sms);

        var result = await channel.SendAsync(Message(), default);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal($"SM{1:D32}", result.ProviderMessageId);
        var request = Assert.Single(_provider.Requests);
        Assert.Equal("/2010-04-01/Accounts/AC123/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:sms-token")), request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("+5491122334455", form["To"].ToString());
        Assert.Equal("+15005550006", form["From"].ToString());
        Assert.StartsWith("Tu turno en BarberPro Palermo", form["Body"].ToString());
    }

    [Fact]
    public async Task Sms_ASuccessWithAnAnswerWeCannotRead_IsDelivered_WithoutAnId()
    {
        await using var services = Sms();
        _provider.AnswerNextSuccess("queued");

        var result = await Channel(services, NotificationChannel.Sms).SendAsync(Message(), default);

        Assert.True(result.Delivered, result.Error);
        Assert.Null(result.ProviderMessageId);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task Sms_UnavailableThenOk_IsRetried_AndAHardFailureIsFailed()
    {
        await using var services = Sms();
        var channel = Channel(services, NotificationChannel.Sms);
        _provider.FailNext(503);

        var retried = await channel.SendAsync(Message(), default);
        _provider.FailNext(401);
        var refused = await channel.SendAsync(Message(), default);

        Assert.True(retried.Delivered, retried.Error);
        Assert.False(refused.Delivered);
        Assert.Contains("401", refused.Error);
        Assert.Equal(3, _provider.Requests.Count);
    }

    [Fact]
    public async Task WithoutKeys_EveryChannelRecordsOnly_AndNothingIsSent()
    {
        await using var services = Channels(new()
        {
            // A base URL alone is not a configured provider.
            ["Notifications:WhatsApp:BaseUrl"] = _provider.BaseAddress.ToString(),
            ["Notifications:Sms:BaseUrl"] = _provider.BaseAddress.ToString(),
        });
        var message = Message(NotificationKind.Reminder) with { Subject = "Recordatorio" };

        var results = new List<(INotificationChannel Channel, SendResult Result)>();
        foreach (var channel in services.GetServices<INotificationChannel>())
            results.Add((channel, await channel.SendAsync(message, default)));

        Assert.Equal([NotificationChannel.Email, NotificationChannel.WhatsApp, NotificationChannel.Sms], results.Select(r => r.Channel.Channel));
        Assert.All(results, r =>
        {
            Assert.False(r.Channel.SendsForReal);
            Assert.True(r.Result.Delivered);
            Assert.Equal($"local-{message.NotificationId:N}", r.Result.ProviderMessageId);
        });
        Assert.Empty(_provider.Requests);
    }
}
