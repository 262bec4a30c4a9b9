using System.Diagnostics;
using System.Diagnostics.Metrics;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Outbox;

namespace BarberPro.Domain.Common;

/// <summary>
/// The app's own instruments, all on one <see cref="Meter"/> named <see cref="MeterName"/> (System.Diagnostics.Metrics;
/// the web project exports them over OTLP when an endpoint is configured, docs/DEPLOY.md). Each is recorded in the one
/// place its event happens:
/// <list type="table">
/// <item><term><c>barberpro.bookings.committed</c></term><description>counter: booking changes committed, tag
/// <c>change</c> = booked, moved, cancelled, confirmed, completed, no_show (<see cref="AgendaWriter"/>, from the outbox
/// rows the transaction committed: every agenda write of every service).</description></item>
/// <item><term><c>barberpro.bookings.conflicts</c></term><description>counter: a booking or move found its time taken
/// under the lock (a race lost), tag <c>operation</c> = book, reschedule (<see cref="BookingService"/>).</description></item>
/// <item><term><c>barberpro.agenda.retries</c></term><description>counter: an agenda write attempt retried after
/// contention (<see cref="AgendaWriter"/>).</description></item>
/// <item><term><c>barberpro.agenda.busy</c></term><description>counter: agenda writes answered busy or unavailable
/// (nothing written), tag <c>fault</c> = busy, unavailable (<see cref="AgendaWriter"/>).</description></item>
/// <item><term><c>barberpro.outbox.dispatched</c></term><description>counter: outbox rows published
/// (<see cref="OutboxDispatcher"/>).</description></item>
/// <item><term><c>barberpro.outbox.lag</c></term><description>gauge, seconds: how long the oldest row not yet dispatched
/// has waited, as the dispatcher last saw it (0 when it left none); read from memory, no query.</description></item>
/// <item><term><c>barberpro.notifications.sent</c> / <c>barberpro.notifications.failed</c></term><description>counters:
/// messages delivered to their provider, and send attempts that failed (tag <c>final</c> true when no try is left), tags
/// <c>channel</c> and <c>kind</c> (<see cref="NotificationSender"/>).</description></item>
/// </list>
/// With no listener (no endpoint configured) recording costs a check and nothing else. The meter comes from the host's
/// <see cref="IMeterFactory"/> when there is one, so each container has its own and tests can listen to theirs only.
/// </summary>
public sealed class BarberProMetrics : IDisposable
{
    /// <summary>The name of the app's meter and of its activity source.</summary>
    public const string MeterName = "BarberPro";

    /// <summary>Spans of the app's own work (an agenda write); cheap when nothing listens.</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly bool _ownsMeter;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _busy;
    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private Func<double>? _outboxLag;

    public BarberProMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _committed = Meter.CreateCounter<long>("barberpro.bookings.committed", "{booking}", "Booking changes committed, by change.");
        _conflicts = Meter.CreateCounter<long>("barberpro.bookings.conflicts", "{booking}", "Bookings and moves refused because the time was taken under the lock.");
        _retries = Meter.CreateCounter<long>("barberpro.agenda.retries", "{attempt}", "Agenda write attempts retried after contention.");
        _busy = Meter.CreateCounter<long>("barberpro.agenda.busy", "{write}", "Agenda writes answered busy or unavailable; nothing was written.");
        _dispatched = Meter.CreateCounter<long>("barberpro.outbox.dispatched", "{row}", "Outbox rows published.");
        Meter.CreateObservableGauge("barberpro.outbox.lag", () => _outboxLag?.Invoke() ?? 0, "s",
            "How long the oldest outbox row not yet dispatched has waited, as of the dispatcher's last pass.");
        _sent = Meter.CreateCounter<long>("barberpro.notifications.sent", "{message}", "Messages delivered to their provider.");
        _failed = Meter.CreateCounter<long>("barberpro.notifications.failed", "{message}", "Message sends that failed.");
    }

    /// <summary>The meter every instrument above lives on.</summary>
    public Meter Meter { get; }

    /// <summary>Counts what one committed agenda write did to bookings, from the outbox rows it committed.</summary>
    internal void Committed(IEnumerable<OutboxMessage> rows)
    {
        if (!_committed.Enabled)
            return;
        foreach (var row in rows)
        {
            if (ChangeOf(row) is { } change)
                _committed.Add(1, new KeyValuePair<string, object?>("change", change));
        }
    }

    /// <summary>The <c>change</c> tag of a row about a booking; null for rows about hours, sessions or offers.</summary>
    internal static string? ChangeOf(OutboxMessage row) => row.Type switch
    {
        OutboxEventType.BookingCreated => "booked",
        OutboxEventType.BookingMoved => "moved",
        OutboxEventType.BookingCancelled => "cancelled",
        OutboxEventType.BookingStatusChanged => row.Status switch
        {
            BookingStatus.Confirmed => "confirmed",
            BookingStatus.Completed => "completed",
            BookingStatus.NoShow => "no_show",
            BookingStatus.Cancelled => "cancelled",
            _ => "pending",
        },
        _ => null,
    };

    internal void Conflict(string operation) => _conflicts.Add(1, new KeyValuePair<string, object?>("operation", operation));

    internal void Retried() => _retries.Add(1);

    internal void Busy(DatabaseFault fault) =>
        _busy.Add(1, new KeyValuePair<string, object?>("fault", fault == DatabaseFault.Busy ? "busy" : "unavailable"));

    internal void Dispatched(int rows)
    {
        if (rows > 0)
            _dispatched.Add(rows);
    }

    /// <summary>Where the outbox lag gauge reads from (the dispatcher, once, when it is built).</summary>
    internal void ObserveOutboxLag(Func<double> seconds) => _outboxLag = seconds;

    internal void Sent(NotificationChannel channel, NotificationKind kind) =>
        _sent.Add(1, new KeyValuePair<string, object?>("channel", ChannelTag(channel)), new KeyValuePair<string, object?>("kind", kind.ToString()));

    internal void Failed(NotificationChannel channel, NotificationKind kind, bool final) =>
        _failed.Add(1, new KeyValuePair<string, object?>("channel", ChannelTag(channel)), new KeyValuePair<string, object?>("kind", kind.ToString()),
            new KeyValuePair<string, object?>("final", final));

    private static string ChannelTag(NotificationChannel channel) => channel.ToString().ToLowerInvariant();

    public void Dispose()
    {
        // A meter from the factory is the factory's to dispose.
        if (_ownsMeter)
            Meter.Dispose();
    }
}
