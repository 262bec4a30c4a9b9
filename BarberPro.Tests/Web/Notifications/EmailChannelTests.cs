using BarberPro.Domain.Notifications;
using BarberPro.Web.Features.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Notifications;

/// <summary>The email channel delivering to a real SMTP server on loopback.</summary>
public sealed class EmailChannelTests
{
    private static ServiceProvider Channels(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddNotificationChannels(configuration);
        return services.BuildServiceProvider();
    }

    private static INotificationChannel Email(ServiceProvider services) =>
        services.GetServices<INotificationChannel>().Single(c => c.Channel == NotificationChannel.Email);

    [Fact]
    public async Task Send_DeliversSubjectTextAndHtml_AsMultipartAlternative_AndAnswersTheMessageId()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var services = Channels(new()
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:UseTls"] = "false",
            ["Notifications:Email:From"] = "BarberPro <turnos@barberpro.test>",
        });
        var channel = Email(services);
        var message = new OutgoingMessage(Guid.NewGuid(), NotificationKind.BookingConfirmed, "juan@example.com", "Tu turno está confirmado",
            "Te esperamos el martes 9 de diciembre, 17:30, en BarberPro Palermo.",
            Html: "<p>Te esperamos el <strong>martes 9 de diciembre, 17:30</strong>, en BarberPro Palermo.</p>");

        var result = await channel.SendAsync(message, default);

        Assert.True(channel.SendsForReal);
        Assert.True(result.Delivered, result.Error);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(result.ProviderMessageId, mail.MessageId);
        Assert.Equal("Tu turno está confirmado", mail.Subject);
        Assert.Equal("juan@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("turnos@barberpro.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("multipart/alternative", mail.Body!.ContentType.MimeType);
        Assert.Equal("Te esperamos el martes 9 de diciembre, 17:30, en BarberPro Palermo.", mail.TextBody!.Trim());
        Assert.Contains("<strong>martes 9 de diciembre, 17:30</strong>", mail.HtmlBody!);
    }

    [Fact]
    public async Task Send_ServerNotListening_IsFailed_NotAnException()
    {
        int port;
        await using (var smtp = LoopbackSmtpServer.Start())
            port = smtp.Port;
        await using var services = Channels(new()
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:UseTls"] = "false",
            ["Notifications:Email:From"] = "turnos@barberpro.test",
        });

        var result = await Email(services).SendAsync(
            new OutgoingMessage(Guid.NewGuid(), NotificationKind.BookingConfirmed, "juan@example.com", "Hola", "Hola"), default);

        Assert.False(result.Delivered);
        Assert.StartsWith("SMTP:", result.Error);
    }
}
