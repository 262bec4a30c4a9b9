using BarberPro.Domain.Bookings;

namespace BarberPro.Domain.Outbox;

/// <summary>
/// Where the <see cref="OutboxDispatcher"/> sends each committed change, once for the whole deployment (one dispatcher
/// claims each row): to every server's live subscribers (<see cref="IBookingEvents"/>, each server's own), and to the
/// <see cref="IOutboxListener"/>s, which act once per change (the hub relay: its sends already reach every server's hub
/// clients through the SignalR backplane, so one relay per change is what delivers each event once).
/// <list type="bullet">
/// <item>One server (the default): <see cref="LocalOutboxPublisher"/> publishes to this process's subscribers.</item>
/// <item>Several servers: the web project's Redis publisher sends the change to a Redis channel every server listens to,
/// and each server publishes it to its own subscribers.</item>
/// </list>
/// A publish that throws leaves the row pending: the dispatcher tries it again on its next pass.
/// </summary>
public interface IOutboxPublisher
{
    Task PublishAsync(BookingChange change);
}

/// <summary>Acts once per committed change, on the server whose dispatcher published it. Must return quickly (queue the work).</summary>
public interface IOutboxListener
{
    void OnPublished(BookingChange change);
}

/// <summary>One server: the change goes to this process's subscribers, and to the once-per-change listeners.</summary>
public sealed class LocalOutboxPublisher(IBookingEvents events, IEnumerable<IOutboxListener> listeners) : IOutboxPublisher
{
    private readonly IOutboxListener[] _listeners = [.. listeners];

    public LocalOutboxPublisher(IBookingEvents events) : this(events, []) { }

    public async Task PublishAsync(BookingChange change)
    {
        await events.PublishAsync(change);
        OutboxListeners.Notify(_listeners, change);
    }
}

public static class OutboxListeners
{
    /// <summary>Tells each listener; one that throws does not stop the others (they only queue).</summary>
    public static void Notify(IReadOnlyList<IOutboxListener> listeners, BookingChange change)
    {
        foreach (var listener in listeners)
        {
            try
            {
                listener.OnPublished(change);
            }
            catch (Exception)
            {
                // A listener only queues; a broken one must not keep the row pending for everyone else.
            }
        }
    }
}
