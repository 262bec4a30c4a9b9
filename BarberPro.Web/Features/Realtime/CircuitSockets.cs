namespace BarberPro.Web.Features.Realtime;

/// <summary>
/// How the circuits' WebSockets are accepted: compressed (render batches are text that compresses well on a phone's
/// data plan), as Blazor does by default, but without server context takeover — each message is compressed on its own,
/// so the compressor's state (zlib's window and tables, a few hundred KB) goes back to a shared pool between messages
/// instead of staying with every idle circuit for its whole life (issue 15: memory per idle circuit; docs/BENCHMARKS.md).
/// </summary>
public static class CircuitSockets
{
    public static Task Accept(HttpContext context, WebSocketAcceptContext accept)
    {
        accept.DangerousEnableCompression = true;
        accept.DisableServerContextTakeover = true;
        return Task.CompletedTask;
    }
}
