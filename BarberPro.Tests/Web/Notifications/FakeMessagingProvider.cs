using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.Web.Notifications;

/// <summary>
/// A WhatsApp Cloud API / Twilio look-alike: real Kestrel on 127.0.0.1 with a free port, recording every request
/// (method, path, authorization, body) and answering with the provider's shape (a wamid, an SMS sid), or with the
/// failures queued by <see cref="FailNext"/>.
/// </summary>
public sealed class FakeMessagingProvider : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, string? Authorization, string? ContentType, string Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _failures = new();
    private readonly ConcurrentQueue<string> _oddAnswers = new();
    private int _count;

    private FakeMessagingProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public static FakeMessagingProvider Start() => new();

    public Uri BaseAddress { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The next requests answer these statuses, in order; then it answers success again.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
            _failures.Enqueue(status);
    }

    /// <summary>The next successful requests answer these bodies as they are (not what the real provider sends).</summary>
    public void AnswerNextSuccess(params string[] bodies)
    {
        foreach (var body in bodies)
            _oddAnswers.Enqueue(body);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new Request(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType, body));
        var n = Interlocked.Increment(ref _count);
        if (_failures.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "provider failure", code = status } });
            return;
        }
        if (_oddAnswers.TryDequeue(out var odd))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsync(odd);
            return;
        }
        if (context.Request.Path.Value!.EndsWith("/Messages.json", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsJsonAsync(new { sid = $"SM{n:D32}", status = "queued" });
            return;
        }
        await context.Response.WriteAsJsonAsync(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = "5491100000000", wa_id = "5491100000000" } },
            messages = new[] { new { id = $"wamid.TEST{n}" } },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
