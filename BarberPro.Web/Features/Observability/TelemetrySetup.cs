using BarberPro.Domain.Common;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BarberPro.Web.Features.Observability;

/// <summary>
/// Where and how this node sends its telemetry, read from configuration (docs/DEPLOY.md, "Observability"):
/// <c>Telemetry:OtlpEndpoint</c> (else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), <c>Telemetry:OtlpProtocol</c>
/// (else <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>; <c>grpc</c> or <c>http/protobuf</c>, gRPC by default as in the .NET SDK) and
/// <c>Telemetry:NodeName</c> (else the machine's name).
/// </summary>
public sealed record TelemetrySettings(Uri? Endpoint, OtlpExportProtocol Protocol, string NodeName)
{
    public const string ServiceName = "barberpro";
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string ProtocolKey = "Telemetry:OtlpProtocol";
    public const string NodeNameKey = "Telemetry:NodeName";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Whether anything is exported: only with an endpoint.</summary>
    public bool Exports => Endpoint is not null;

    /// <summary>The settings, or null when they are wrong (<see cref="Problem"/> says how).</summary>
    public static TelemetrySettings? From(IConfiguration configuration) =>
        Problem(configuration) is null ? Read(configuration) : null;

    /// <summary>Why the telemetry settings cannot be used (one line), or null when they can.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var endpoint = EndpointText(configuration);
        if (endpoint is not null && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            return $"{EndpointKey} (or {StandardEndpointKey}) must be an http:// or https:// address, e.g. http://collector:4317; it is '{endpoint}'.";
        var protocol = ProtocolText(configuration);
        if (protocol is not null && ParseProtocol(protocol) is null)
            return $"{ProtocolKey} (or {StandardProtocolKey}) must be 'grpc' or 'http/protobuf'; it is '{protocol}'.";
        return null;
    }

    private static TelemetrySettings Read(IConfiguration configuration) => new(
        EndpointText(configuration) is { } endpoint ? new Uri(endpoint) : null,
        ProtocolText(configuration) is { } protocol ? ParseProtocol(protocol)!.Value : OtlpExportProtocol.Grpc,
        configuration[NodeNameKey] is { Length: > 0 } node ? node.Trim() : Environment.MachineName);

    private static string? EndpointText(IConfiguration configuration) => Text(configuration, EndpointKey) ?? Text(configuration, StandardEndpointKey);

    private static string? ProtocolText(IConfiguration configuration) => Text(configuration, ProtocolKey) ?? Text(configuration, StandardProtocolKey);

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static OtlpExportProtocol? ParseProtocol(string text) => text.ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };
}

/// <summary>
/// OpenTelemetry for this node, only when an OTLP endpoint is configured: traces (ASP.NET Core, HttpClient, EF Core,
/// SignalR hub calls, Blazor circuits and events, the app's own <c>agenda.write</c> spans), metrics (ASP.NET Core and
/// Kestrel, HttpClient, EF Core, SignalR connections, Blazor circuits, the .NET runtime, Npgsql's pool and the app's
/// <see cref="BarberProMetrics"/>) and logs (with their scopes: booking, shop and provider ids), every signal with
/// <c>service.name</c> = barberpro and <c>service.instance.id</c> = the node's name. Without an endpoint nothing is
/// registered: no listener, no exporter, and the app's instruments cost a check each.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Activity sources of the framework's own spans that the ASP.NET Core instrumentation does not add.</summary>
    public static readonly string[] FrameworkSources =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    /// <summary>The framework's and libraries' meters (ASP.NET Core 10 names), beside what the instrumentations add.</summary>
    public static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
        "System.Net.Http",
    ];

    private const string HealthPath = "/api/health";

    public static WebApplicationBuilder AddBarberProTelemetry(this WebApplicationBuilder builder)
    {
        // Wrong settings are reported by CheckRequiredSettings, which stops start-up with one line.
        if (TelemetrySettings.From(builder.Configuration) is not { Exports: true } settings)
            return builder;

        builder.Services.AddSingleton(settings);
        builder.Services.Configure<OpenTelemetryLoggerOptions>(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r
                .AddService(TelemetrySettings.ServiceName, serviceInstanceId: settings.NodeName, autoGenerateServiceInstanceId: false)
                .AddAttributes([new KeyValuePair<string, object>("host.name", Environment.MachineName)]))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = true;
                    // The proxy's health probe every few seconds would drown the traces; its durations stay in the metrics.
                    o.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath);
                })
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(BarberProMetrics.MeterName)
                .AddSource(FrameworkSources))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(BarberProMetrics.MeterName)
                .AddMeter(FrameworkMeters))
            .UseOtlpExporter(settings.Protocol, settings.Endpoint!);
        return builder;
    }
}
