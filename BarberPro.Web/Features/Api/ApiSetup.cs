using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Domain.Bookings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// The public REST API: JWT bearer tokens next to the pages' sign-in cookie (the /api endpoints name the bearer
/// scheme, the pages keep the cookie), problem details, rate limits, the OpenAPI document and the /docs UI.
/// </summary>
public static class ApiSetup
{
    /// <summary>The authorization policy of every protected /api endpoint and the hub: a valid bearer token.</summary>
    public const string ApiPolicy = "Api";
    public const string ApiPrefix = "/api";
    public const string HubsPrefix = "/hubs";

    public static WebApplicationBuilder AddBarberProApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails();

        services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.Section));
        JwtSigningKey.Validate(builder.Configuration[$"{JwtOptions.Section}:{nameof(JwtOptions.SigningKey)}"]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<ApiTokenIssuer>();
        services.AddAuthentication().AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtSigningKey, IOptions<JwtOptions>>((bearer, key, jwt) => ApiTokenIssuer.ConfigureBearer(bearer, key, jwt.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        services.ConfigureApplicationCookie(o =>
        {
            // The sign-in cookie never sends an API client to the sign-in page: 401/403 instead.
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = context => ApiErrors.IsApi(context.Request.Path) ? Status(context.Response, 401) : toLogin(context);
            o.Events.OnRedirectToAccessDenied = context => ApiErrors.IsApi(context.Request.Path) ? Status(context.Response, 403) : toDenied(context);
        });

        services.AddApiRateLimits(builder.Configuration);
        services.AddBarberProOpenApi();
        return builder;
    }

    /// <summary>Problem bodies for /api and /hubs, the 64 KB body limit, then the rate limits. Goes after the pages' pipeline.</summary>
    public static WebApplication UseBarberProApi(this WebApplication app)
    {
        app.UseMiddleware<ApiErrors>();
        app.UseMiddleware<ApiBodyLimit>();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapBarberProApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapShopsApi();
        app.MapAvailabilityApi();
        app.MapBookingsApi();
        app.MapCatalogApi();
        app.MapProvidersApi();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o
            .WithTitle("BarberPro API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes("Bearer"));
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
