using NodaTime;

namespace BarberPro.Domain.Bookings;

public enum BookingChangeKind
{
    Created,
    Updated,
    Cancelled,
    /// <summary>Hours, overrides or time off changed: the provider's free slots may differ, no booking did.</summary>
    AvailabilityChanged,
    /// <summary>A group session opened, changed or was cancelled, or its seats changed: <see cref="BookingChange.SessionId"/>.</summary>
    SessionChanged,
    /// <summary>A waitlist entry was offered a held slot or seat: <see cref="BookingChange.WaitlistEntryId"/>.</summary>
    WaitlistOffered,
}

/// <summary>
/// Something changed on a provider's agenda; published only after the change committed. Carries no personal data,
/// so it can go to any subscriber of the provider's agenda or availability; listeners re-read what they may see.
/// </summary>
/// <param name="BookingId">Empty for <see cref="BookingChangeKind.AvailabilityChanged"/>.</param>
/// <param name="Dates">The local dates (shop zone) whose availability may have changed: the booking's date, and its previous date after a move.</param>
/// <param name="SessionId">The group session concerned (a seat booking's session, or the session that changed); null otherwise.</param>
/// <param name="WaitlistEntryId">The entry offered a slot, for <see cref="BookingChangeKind.WaitlistOffered"/>.</param>
public sealed record BookingChange(
    BookingChangeKind Kind,
    Guid BookingId,
    Guid ShopId,
    Guid ProviderId,
    BookingStatus? Status,
    Instant? Start,
    Instant? End,
    Instant? PreviousStart,
    IReadOnlyList<LocalDate> Dates,
    Instant At,
    Guid? SessionId = null,
    Guid? WaitlistEntryId = null);

/// <summary>
/// Publishes agenda changes to whoever listens (open agendas, slot pickers, the real-time hub). The in-process
/// implementation serves one server; a Redis pub/sub implementation can replace it for several.
/// </summary>
public interface IBookingEvents
{
    /// <summary>
    /// Delivers <paramref name="change"/> to every subscriber; a failing subscriber does not stop the others.
    /// Handlers run concurrently and must return quickly (schedule their work, do not do it inline).
    /// </summary>
    Task PublishAsync(BookingChange change);

    /// <summary>Subscribes until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<BookingChange, Task> handler);
}

/// <summary>Subscribers in memory; publishing calls each one in turn.</summary>
public sealed class InProcessBookingEvents : IBookingEvents
{
    private readonly Lock _gate = new();
    private Func<BookingChange, Task>[] _handlers = [];

    /// <summary>How many subscriptions are open (for leak tests and diagnostics).</summary>
    public int SubscriberCount => Volatile.Read(ref _handlers).Length;

    public Task PublishAsync(BookingChange change) =>
        Task.WhenAll(Volatile.Read(ref _handlers).Select(handler => SafeInvokeAsync(handler, change)));

    private static async Task SafeInvokeAsync(Func<BookingChange, Task> handler, BookingChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception)
        {
            // A disposed circuit or a failing listener must not break the writer or the other listeners.
        }
    }

    /// <summary>
    /// Subscribes <paramref name="handler"/>; it is called in the culture current here (a page's circuit: es-AR or English),
    /// not the publisher's: the outbox dispatcher publishes from a thread in the process's default culture, and a page
    /// re-rendered from there would format its dates in that culture.
    /// </summary>
    public IDisposable Subscribe(Func<BookingChange, Task> handler)
    {
        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        Func<BookingChange, Task> inCulture = change =>
        {
            // This runs inside SafeInvokeAsync's own async flow: the change of culture does not reach the publisher.
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
            return handler(change);
        };
        lock (_gate)
            _handlers = [.. _handlers, inCulture];
        return new Subscription(this, inCulture);
    }

    private void Unsubscribe(Func<BookingChange, Task> handler)
    {
        lock (_gate)
            _handlers = _handlers.Where(h => h != handler).ToArray();
    }

    private sealed class Subscription(InProcessBookingEvents owner, Func<BookingChange, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Unsubscribe(handler);
        }
    }
}
