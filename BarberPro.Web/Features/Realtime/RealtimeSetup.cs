using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Web.Features.Realtime;

public static class RealtimeSetup
{
    public const string BookingsHubPath = "/hubs/bookings";

    /// <summary>
    /// SignalR (JSON in camelCase, enums as camelCase strings), the relay from domain events to the hub, and the hub's
    /// limits per user or IP (<see cref="HubGuard"/>, configured in the "Realtime" section).
    /// </summary>
    public static WebApplicationBuilder AddBarberProRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RealtimeLimitOptions>(builder.Configuration.GetSection(RealtimeLimitOptions.Section));
        builder.Services.AddSingleton<HubLimits>();
        builder.Services.AddSingleton<HubRefusalLog>();
        builder.Services.AddSingleton<HubGuard>();
        // HubGuard logs hub method failures (refusals as throttled warnings); the dispatcher would log each one as an error.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        // On this hub only: global hub options would also reach the Blazor circuits' hub.
        builder.Services.AddSignalR()
            .AddHubOptions<BookingsHub>(o => o.AddFilter<HubGuard>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton<BookingsHubRelay>();
        builder.Services.AddSingleton<BarberPro.Domain.Outbox.IOutboxListener>(sp => sp.GetRequiredService<BookingsHubRelay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BookingsHubRelay>());
        // Memory given back once many pages closed or opened (CircuitMemoryReturn, ADR 0017).
        builder.Services.Configure<CircuitMemoryOptions>(builder.Configuration.GetSection(CircuitMemoryOptions.Section));
        builder.Services.AddSingleton<CircuitCount>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitCounter>();
        builder.Services.AddHostedService<CircuitMemoryReturn>();
        return builder;
    }

    /// <summary>
    /// /hubs/bookings: the bearer token is read when present (the API policy authenticates it) but not required,
    /// so availability can be watched anonymously; agendas check the user in the hub. The connection closes when the token expires.
    /// </summary>
    public static WebApplication MapBarberProRealtime(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BookingsHubPath),
            hub => hub.Use((context, next) => HubGuard.RefuseOverCapAsync(context, () => next(context))));
        app.MapHub<BookingsHub>(BookingsHubPath, o => o.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(ApiSetup.ApiPolicy)
            .AllowAnonymous();
        return app;
    }
}
