using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace BarberPro.Web.Features.Api;

/// <summary>An example body for the OpenAPI document: the request's when <see cref="StatusCode"/> is null.</summary>
public sealed record ApiExampleMetadata(int? StatusCode, object Value);

/// <summary>
/// The OpenAPI document at /openapi/v1.json (Microsoft.AspNetCore.OpenApi), read by the Scalar UI at /docs: only the
/// /api endpoints, the bearer scheme on those that need a token, request and response examples, and a Spanish problem
/// example for every error response that has none of its own.
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";
    private const string BearerScheme = "Bearer";
    private const string ProblemJson = "application/problem+json";

    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExampleMetadata(null, example));

    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int statusCode, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExampleMetadata(statusCode, example));

    public static IServiceCollection AddBarberProOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "BarberPro API",
                    Version = "v1",
                    Description = "Public REST API of BarberPro: shops, availability and bookings for customers' apps and partners. " +
                        "JSON in camelCase; instants as ISO-8601 with the shop's offset (2026-12-08T10:00:00-03:00), accepted with any offset; " +
                        "errors as RFC 9457 problem details with a Spanish `detail`, the domain's `code` and, for 422, the failing fields in `errors`. " +
                        "Get a token with POST /api/v1/auth/token and send it as `Authorization: Bearer <token>`. " +
                        "Real-time changes: the SignalR hub /hubs/bookings (see docs/API.md).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The accessToken from POST /api/v1/auth/token.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var json = context.ApplicationServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                foreach (var example in metadata.OfType<ApiExampleMetadata>())
                {
                    var content = example.StatusCode is { } status
                        ? operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Content
                        : operation.RequestBody?.Content;
                    foreach (var media in content?.Values ?? [])
                        media.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json);
                }

                foreach (var (key, response) in operation.Responses ?? [])
                {
                    if (!int.TryParse(key, out var status) || status < 400 || response.Content is not { } content)
                        continue;
                    // Problems are written as application/problem+json.
                    var isProblem = context.Description.SupportedResponseTypes
                        .Any(r => r.StatusCode == status && typeof(ProblemDetails).IsAssignableFrom(r.Type));
                    if (isProblem && content.Remove("application/json", out var media))
                        content[ProblemJson] = media;
                    foreach (var errorMedia in content.Values.Where(m => m.Example is null && isProblem))
                        errorMedia.Example = JsonSerializer.SerializeToNode(ApiExamples.ForStatus(status), json);
                }
                return Task.CompletedTask;
            });
        });
}
