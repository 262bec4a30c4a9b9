using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Domain.Bookings;
using BarberPro.Web.Features.Analytics;
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

    /// <summary>Serves /openapi/v1.json and the /docs UI: true in Development, false in appsettings.json.</summary>
    public const string PublicDocsKey = "Api:PublicDocs";

    public static WebApplicationBuilder AddBarberProApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // The contracts' generated serializers first; anything else through reflection as before.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        services.AddProblemDetails();

        services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.Section));
        JwtSigningKey.Validate(builder.Configuration[$"{JwtOptions.Section}:{nameof(JwtOptions.SigningKey)}"]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<ApiTokenIssuer>();
        services.AddSingleton<ApiTokenStamps>();
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

        services.AddSingleton<ShopDetailCache>();
        services.AddApiRateLimits(builder.Configuration);
        services.AddBarberProOpenApi();
        return builder;
    }

    /// <summary>Problem bodies for /api and /hubs, the 64 KB body limit, then the rate limits. Goes after the pages' pipeline.</summary>
    public static WebApplication UseBarberProApi(this WebApplication app)
    {
        app.UseMiddleware<ApiErrors>();
        app.UseMiddleware<ApiBodyLimit>();
        app.UseApiRateLimits();
        return app;
    }

    /// <summary>
    /// A group of endpoints under <paramref name="prefix"/> for signed-in callers (a bearer token, <see cref="ApiPolicy"/>),
    /// listed under <paramref name="tag"/>; each may answer 400 (a malformed body) and 401 (no or a bad token).
    /// </summary>
    public static RouteGroupBuilder MapSignedInGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag).RequireAuthorization(ApiPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    public static WebApplication MapBarberProApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapShopsApi();
        app.MapShopAdminApi();
        app.MapAvailabilityApi();
        app.MapAnyAvailabilityApi();
        app.MapBookingsApi();
        app.MapPrivateNotesApi();
        app.MapSeriesApi();
        app.MapCatalogApi();
        app.MapProvidersApi();
        app.MapWaitlistApi();
        app.MapSessionsApi();
        Profile.MeApi.MapMeApi(app);
        app.MapAnalyticsApi();
        Clients.ClientsApi.MapClientsApi(app);
        if (app.Configuration.GetValue<bool>(PublicDocsKey))
            app.MapApiDocs();
        return app;
    }

    /// <summary>
    /// The OpenAPI document and the Scalar UI, which loads nothing from the internet: its script is served by the app,
    /// its fonts are the system's, and its inline scripts carry the page's CSP nonce. The bundled Zod is told not to
    /// probe for eval (<c>Function('')</c>), which the policy refuses: it validates without compiling code.
    /// </summary>
    private static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", (o, http) =>
        {
            var nonce = Security.SecurityHeaders.Nonce(http);
            o.WithTitle("BarberPro API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes("Bearer")
                .DisableDefaultFonts()
                .WithNonce(nonce)
                .AddHeadContent($"<script nonce=\"{nonce}\">globalThis.__zod_globalConfig = {{ jitless: true }};</script>");
        });
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
