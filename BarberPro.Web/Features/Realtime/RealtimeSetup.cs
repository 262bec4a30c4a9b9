using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Web.Features.Api;

namespace BarberPro.Web.Features.Realtime;

public static class RealtimeSetup
{
    public const string BookingsHubPath = "/hubs/bookings";

    /// <summary>SignalR (JSON in camelCase, enums as camelCase strings) and the relay from domain events to the hub.</summary>
    public static WebApplicationBuilder AddBarberProRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddHostedService<BookingsHubRelay>();
        return builder;
    }

    /// <summary>
    /// /hubs/bookings: the bearer token is read when present (the API policy authenticates it) but not required,
    /// so availability can be watched anonymously; agendas check the user in the hub. The connection closes when the token expires.
    /// </summary>
    public static WebApplication MapBarberProRealtime(this WebApplication app)
    {
        app.MapHub<BookingsHub>(BookingsHubPath, o => o.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(ApiSetup.ApiPolicy)
            .AllowAnonymous();
        return app;
    }
}
