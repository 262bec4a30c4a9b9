using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Observability;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BarberPro.Tests.Web.Observability;

/// <summary>
/// The app with an OTLP endpoint configured (HTTP/protobuf, short export intervals through configuration), exporting to
/// a stand-in collector on loopback (<see cref="OtlpReceiver"/>), under a node name of its own.
/// </summary>
public sealed class TelemetryApp : ApiWebApp
{
    // A field initializer runs before the base constructor, which starts the server and reads Settings.
    private readonly OtlpReceiver _receiver = OtlpReceiver.Start();

    public OtlpReceiver Receiver => _receiver;

    public string NodeName { get; } = "nodo-prueba-" + Guid.NewGuid().ToString("N")[..8];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        [TelemetrySettings.EndpointKey] = _receiver.BaseAddress.ToString(),
        [TelemetrySettings.ProtocolKey] = "http/protobuf",
        [TelemetrySettings.NodeNameKey] = NodeName,
        // The SDK's own keys, read from configuration: export every half second instead of every minute / five seconds.
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// Runs alone, after the parallel tests. The SDK's meter provider listens to every meter named "BarberPro" in the process
/// and merges same-named instruments into one stream; when another test's container is disposed meanwhile, its meter's
/// end retires that shared stream and this app's measurements go unexported. In production one process has one container.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryExportCollection
{
    public const string Name = "Telemetry export (alone)";
}

[Collection(TelemetryExportCollection.Name)]
public sealed class TelemetryExportTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    /// <summary>A guard against a hang, not a latency check: exports come every half second.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ABooking_IsExported_AsTraces_Metrics_AndLogs_CarryingTheNodeName()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync("cliente@barberpro.local");
        using (var probe = app.Client())
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/api/health")).StatusCode);

        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 6), 10), null, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;

        // The request's server span, with the resource naming the service and this node.
        var trace = await app.Receiver.PostContainingAsync("traces", "http.route", "/api/v1/bookings").WaitAsync(HangGuard);
        AssertResource(trace);
        Assert.True(OtlpReceiver.HasAttribute(trace, "http.request.method", "POST"));
        // Spans are exported in the order they end: the server span of the health probe before, had it been traced,
        // would be here by now (the test's own HttpClient span of it may be: it has no route).
        Assert.False(app.Receiver.AnyWithAttribute("traces", "http.route", "/api/health"), "The health probe was traced.");

        // The app's own counter and the framework's request duration, from the same node.
        var metrics = await app.Receiver.PostContainingAsync("metrics", "barberpro.bookings.committed").WaitAsync(HangGuard);
        AssertResource(metrics);
        Assert.True(OtlpReceiver.HasAttribute(metrics, "change", "booked"));
        Assert.True(OtlpReceiver.Contains(metrics, "http.server.request.duration"));

        // The committed booking's log line, structured: the booking id and the shop id as attributes.
        var logs = await app.Receiver.PostContainingAsync("logs", booking.Id.ToString()).WaitAsync(HangGuard);
        AssertResource(logs);
        Assert.True(OtlpReceiver.HasAttribute(logs, "BookingId", booking.Id.ToString()));
        Assert.True(OtlpReceiver.HasAttribute(logs, "ShopId", demo.ShopId.ToString()));
    }

    private void AssertResource(byte[] export)
    {
        Assert.True(OtlpReceiver.HasAttribute(export, "service.name", "barberpro"), "service.name is not barberpro");
        Assert.True(OtlpReceiver.HasAttribute(export, "service.instance.id", app.NodeName), "service.instance.id is not the node's name");
    }

    [Fact]
    public async Task AHubConnection_IsExported_AsTheFrameworksSignalRMetric_AndAHubMethodSpan()
    {
        var demo = await app.DemoAsync();
        await using var hubs = new HubClients(app);
        var diego = await hubs.ConnectAsync(await app.TokenAsync("barbero1@barberpro.local"));
        await diego.InvokeAsync("SubscribeToAgenda", demo.Diego);

        var metrics = await app.Receiver.PostContainingAsync("metrics", "signalr.server.active_connections").WaitAsync(HangGuard);
        AssertResource(metrics);
        var trace = await app.Receiver.PostContainingAsync("traces", "Microsoft.AspNetCore.SignalR.Server", "SubscribeToAgenda").WaitAsync(HangGuard);
        AssertResource(trace);
    }

    [Fact]
    public void WithAnEndpoint_TheProvidersAreRegistered()
    {
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Equal(app.NodeName, app.Services.GetRequiredService<TelemetrySettings>().NodeName);
    }
}

/// <summary>Without an endpoint nothing is exported: no OpenTelemetry at all, and the app serves as usual.</summary>
public sealed class NoTelemetryTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    [Fact]
    public async Task WithoutAnEndpoint_NothingIsRegistered_AndTheAppServes()
    {
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TelemetrySettings>());

        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/shops/barberpro-palermo")).StatusCode);
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "must be an http:// or https:// address")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector", "must be an http:// or https:// address")]
    [InlineData("Telemetry:OtlpProtocol", "http/json", "must be 'grpc' or 'http/protobuf'")]
    public void WrongSettings_AreNamed_InOneLine(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = "http://collector:4317",
            [key] = value,
        }).Build();

        var problem = TelemetrySettings.Problem(configuration);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.Contains(key, problem);
        Assert.Null(TelemetrySettings.From(configuration));
    }

    [Fact]
    public void TheStandardVariables_AreReadToo_AndTheNodeDefaultsToTheMachineName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();

        var settings = TelemetrySettings.From(configuration)!;

        Assert.Equal(new Uri("http://collector:4318"), settings.Endpoint);
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, settings.Protocol);
        Assert.Equal(Environment.MachineName, settings.NodeName);
        Assert.False(TelemetrySettings.From(new ConfigurationBuilder().Build())!.Exports);
    }
}
