using BarberPro.Domain.Notifications;
using Microsoft.Extensions.Http.Resilience;

namespace BarberPro.Web.Features.Notifications;

/// <summary>
/// The three channels (email, WhatsApp, SMS) as singletons behind <see cref="INotificationChannel"/>. The HTTP channels
/// use named clients with the standard resilience pipeline (timeouts, retries with backoff on 5xx/408/429 and
/// network errors, a circuit breaker), tuned under <c>Notifications:Http</c>.
/// </summary>
public static class NotificationChannels
{
    public const string HttpSection = "Notifications:Http";

    public static WebApplicationBuilder AddBarberProNotificationChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddNotificationChannels(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// A message is a POST the provider may have accepted before an error (a 500, a timeout): sending it again could
    /// deliver it twice. The pipeline retries only what the provider surely did not take — 429 and 503, and a connection
    /// that never opened; anything else goes back to the notifications outbox, which retries with backoff.
    /// </summary>
    private static ValueTask<bool> SafeToSendAgain(Polly.Retry.RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(args.Outcome switch
        {
            { Result.StatusCode: System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable } => true,
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
            _ => false,
        });

    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailChannelOptions>(configuration.GetSection(EmailChannelOptions.Section));
        services.Configure<WhatsAppChannelOptions>(configuration.GetSection(WhatsAppChannelOptions.Section));
        services.Configure<SmsChannelOptions>(configuration.GetSection(SmsChannelOptions.Section));

        var http = configuration.GetSection(HttpSection);
        services.AddHttpClient(WhatsAppChannel.HttpClientName).AddStandardResilienceHandler(o => { http.Bind(o); o.Retry.ShouldHandle = SafeToSendAgain; });
        services.AddHttpClient(SmsChannel.HttpClientName).AddStandardResilienceHandler(o => { http.Bind(o); o.Retry.ShouldHandle = SafeToSendAgain; });

        services.AddSingleton<EmailChannel>();
        services.AddSingleton<WhatsAppChannel>();
        services.AddSingleton<SmsChannel>();
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<WhatsAppChannel>());
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<SmsChannel>());
        services.AddScoped<InboundReplies>();
        return services;
    }

    /// <summary>What a channel without its provider's keys answers: delivered, nothing sent outside.</summary>
    internal static SendResult RecordOnly(OutgoingMessage message) => SendResult.Ok($"local-{message.NotificationId:N}");
}
