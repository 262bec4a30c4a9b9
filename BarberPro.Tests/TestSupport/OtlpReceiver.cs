using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A stand-in OpenTelemetry collector: Kestrel on 127.0.0.1 taking OTLP over HTTP/protobuf at <c>/v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, answering each POST with an empty (valid) export response and keeping its
/// bytes. Protobuf writes strings as raw UTF-8, so a test can look for a name in the bytes without decoding them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(string Signal, byte[] Body)> _posts = [];
    private readonly List<(string Signal, string[] Needles, TaskCompletionSource<byte[]> Found)> _waiters = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to configure as the OTLP endpoint, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static OtlpReceiver Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Received(signal, body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        app.StartAsync().GetAwaiter().GetResult();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        receiver.BaseAddress = new Uri(addresses.Addresses.First());
        return receiver;
    }

    /// <summary>How many POSTs arrived for <paramref name="signal"/> (traces, metrics, logs).</summary>
    public int Count(string signal)
    {
        lock (_gate)
            return _posts.Count(p => p.Signal == signal);
    }

    /// <summary>Whether any POST for <paramref name="signal"/> received so far holds the attribute <paramref name="key"/> = <paramref name="value"/>.</summary>
    public bool AnyWithAttribute(string signal, string key, string value)
    {
        lock (_gate)
            return _posts.Any(p => p.Signal == signal && HasAttribute(p.Body, key, value));
    }

    /// <summary>
    /// The first POST for <paramref name="signal"/> (already received or still to come) whose bytes contain every one of
    /// <paramref name="needles"/> (UTF-8).
    /// </summary>
    public Task<byte[]> PostContainingAsync(string signal, params string[] needles)
    {
        var found = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var match = _posts.FirstOrDefault(p => p.Signal == signal && Contains(p.Body, needles));
            if (match.Body is not null)
                found.SetResult(match.Body);
            else
                _waiters.Add((signal, needles, found));
        }
        return found.Task;
    }

    private void Received(string signal, byte[] body)
    {
        lock (_gate)
        {
            _posts.Add((signal, body));
            foreach (var waiter in _waiters.Where(w => w.Signal == signal && Contains(body, w.Needles)).ToList())
            {
                waiter.Found.TrySetResult(body);
                _waiters.Remove(waiter);
            }
        }
    }

    public static bool Contains(byte[] body, params string[] needles) =>
        needles.All(n => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0);

    /// <summary>
    /// Whether <paramref name="body"/> holds the string attribute <paramref name="key"/> = <paramref name="value"/>: the
    /// bytes of an OTLP <c>KeyValue { key = 1; value = 2 (AnyValue { string_value = 1 }) }</c>, for short strings (one-byte lengths).
    /// </summary>
    public static bool HasAttribute(byte[] body, string key, string value)
    {
        var k = Encoding.UTF8.GetBytes(key);
        var v = Encoding.UTF8.GetBytes(value);
        if (k.Length > 127 || v.Length > 125)
            throw new ArgumentException("Only short keys and values are supported.");
        byte[] pattern = [0x0A, (byte)k.Length, .. k, 0x12, (byte)(v.Length + 2), 0x0A, (byte)v.Length, .. v];
        return body.AsSpan().IndexOf(pattern) >= 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
