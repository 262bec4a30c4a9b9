using System.Collections.Concurrent;
using BarberPro.Domain.Notifications;

namespace BarberPro.Tests.Domain.Notifications;

/// <summary>
/// A real <see cref="INotificationChannel"/> that delivers into a list instead of a provider: it records every message it
/// is asked to send (tries included) and fails the first <c>failFirst</c> tries. Before answering it yields, so two
/// sender runs racing each other really interleave.
/// </summary>
public sealed class RecordingChannel(NotificationChannel channel, int failFirst = 0) : INotificationChannel
{
    private int _tries;

    public NotificationChannel Channel => channel;
    public bool SendsForReal => false;

    /// <summary>Every try, in order.</summary>
    public ConcurrentQueue<OutgoingMessage> Tries { get; } = new();

    /// <summary>The messages delivered (tries that did not fail).</summary>
    public ConcurrentQueue<OutgoingMessage> Delivered { get; } = new();

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        Tries.Enqueue(message);
        await Task.Yield();
        if (Interlocked.Increment(ref _tries) <= failFirst)
            return SendResult.Failed("El proveedor no respondió (prueba).");
        Delivered.Enqueue(message);
        return SendResult.Ok($"{channel}-{message.NotificationId:N}");
    }
}
