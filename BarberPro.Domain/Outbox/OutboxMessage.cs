using BarberPro.Domain.Bookings;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Domain.Outbox;

/// <summary>What happened on an agenda, as stored in <see cref="OutboxMessage.Type"/> (as its name, e.g. <c>BookingMoved</c>).</summary>
public enum OutboxEventType
{
    /// <summary>A booking was made (by a customer, staff or the API).</summary>
    BookingCreated,

    /// <summary>A booking moved to another time; <see cref="OutboxMessage.PreviousStart"/> says from where.</summary>
    BookingMoved,

    /// <summary>A booking was cancelled; its time is free again.</summary>
    BookingCancelled,

    /// <summary>A booking changed status without moving (confirmed, completed, no-show).</summary>
    BookingStatusChanged,

    /// <summary>A provider's hours, a date's hours, their time off or the shop's closed days changed; no booking did.</summary>
    AvailabilityChanged,

    /// <summary>A group session was opened, changed capacity, was cancelled, or its seats changed (a join, a leave, a hold); <see cref="OutboxMessage.SessionId"/> says which.</summary>
    SessionChanged,

    /// <summary>A waitlist entry got an offer (a held slot or seat); <see cref="OutboxMessage.WaitlistEntryId"/> says which.</summary>
    WaitlistOffered,
}

/// <summary>
/// One agenda change, written in the same transaction as the change itself (so it exists if and only if the change
/// committed) and published afterwards by <see cref="OutboxDispatcher"/> to <see cref="IBookingEvents"/>.
/// <para>
/// The contract for consumers (live pages and the hub today; notifications over WhatsApp/email, a Redis fan-out to
/// several servers and analytics next):
/// <list type="bullet">
/// <item><see cref="Sequence"/> is assigned by the database (autoincrement/identity), unique, never reused (also after
/// retention deletes rows) and increasing in insert order. Writes to one provider's agenda hold that provider's calendar
/// lock, so for one provider sequence order is commit order. Across providers, on PostgreSQL and SQL Server a
/// transaction can commit a smaller sequence after another committed a larger one (SQLite commits one writer at a
/// time, so there it never happens): a consumer that tails the table by cursor moves its cursor past a gap only once
/// the gap is older than the longest transaction (rows past it may be handled meanwhile, idempotently; the
/// notifications planner does this), or reads rows not yet dispatched, as the dispatcher does.</item>
/// <item>Delivery is at least once: a row is published, then marked (<see cref="DispatchedAt"/>); a crash in between,
/// or two servers dispatching at once, publishes it again. Consumers are idempotent per <see cref="Sequence"/>; the live
/// pages simply re-read the agenda.</item>
/// <item>Rows carry ids and instants only, no personal data (no names, phones, emails, prices): a consumer re-reads
/// what it needs, with its own access rules, and a row can be shown to anyone who may see the provider's agenda.</item>
/// <item>Instants are UTC (stored as Unix ticks); <see cref="Dates"/> are the shop's local dates whose free slots may
/// have changed.</item>
/// <item>Dispatched rows are deleted after the retention period (<see cref="OutboxOptions.RetentionDays"/>, 7 days by
/// default); a consumer that needs history keeps its own copy.</item>
/// </list>
/// </para>
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    /// <summary>The row's place in the outbox: database-generated, unique, increasing; consumers use it as a cursor and as the deduplication key.</summary>
    public long Sequence { get; private set; }

    public OutboxEventType Type { get; private set; }

    public Guid ShopId { get; private set; }

    public Guid ProviderId { get; private set; }

    /// <summary>The booking the event is about; null for <see cref="OutboxEventType.AvailabilityChanged"/>.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>The group session the event is about (its seats, or the session of a seat booking); null otherwise.</summary>
    public Guid? SessionId { get; private set; }

    /// <summary>The waitlist entry of a <see cref="OutboxEventType.WaitlistOffered"/> event; null otherwise.</summary>
    public Guid? WaitlistEntryId { get; private set; }

    /// <summary>The booking's status after the change; null for availability changes.</summary>
    public BookingStatus? Status { get; private set; }

    /// <summary>The booking's start after the change; null for availability changes.</summary>
    public Instant? Start { get; private set; }

    /// <summary>The booking's end after the change; null for availability changes.</summary>
    public Instant? End { get; private set; }

    /// <summary>Where a moved booking started before; null unless <see cref="OutboxEventType.BookingMoved"/>.</summary>
    public Instant? PreviousStart { get; private set; }

    /// <summary>
    /// The shop-local dates (ISO, comma-separated, at most 62) whose availability may have changed: a booking's date and,
    /// after a move, its previous date; the dates of changed hours or time off. Empty for weekly hours (every date).
    /// </summary>
    public string Dates { get; private set; } = "";

    /// <summary>When the change committed, by the writer's clock.</summary>
    public Instant OccurredAt { get; private set; }

    /// <summary>When the dispatcher published the row; null until then.</summary>
    public Instant? DispatchedAt { get; private set; }

    /// <summary>How many times the dispatcher tried to publish the row (a failed publish counts; the row then waits for the next pass).</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Which dispatcher (one server's) holds the row while it publishes it, and until when: dispatchers claim rows with one
    /// UPDATE, so however many servers run, one publishes each row (a lease that ran out, a server that died, is claimed again).
    /// </summary>
    public string? LeaseOwner { get; private set; }
    public Instant? LeaseUntil { get; private set; }

    public const int MaxLeaseOwnerLength = Common.LeaseOwners.MaxLength;

    /// <summary>The longest <see cref="Dates"/> value: 62 dates of 10 characters and their commas.</summary>
    public const int MaxDatesLength = 700;

    /// <summary>The row for <paramref name="change"/>, occurring at <paramref name="now"/>; add it to the context that writes the change.</summary>
    public static OutboxMessage For(BookingChange change, Instant now) => new()
    {
        Type = TypeOf(change),
        ShopId = change.ShopId,
        ProviderId = change.ProviderId,
        BookingId = change.BookingId == Guid.Empty ? null : change.BookingId,
        SessionId = change.SessionId,
        WaitlistEntryId = change.WaitlistEntryId,
        Status = change.Status,
        Start = change.Start,
        End = change.End,
        PreviousStart = change.PreviousStart,
        Dates = string.Join(',', change.Dates.Take(62).Select(d => LocalDatePattern.Iso.Format(d))),
        OccurredAt = now,
    };

    /// <summary>The row saying <paramref name="providerId"/>'s availability changed on <paramref name="dates"/> (hours, time off, a shop closure).</summary>
    public static OutboxMessage AvailabilityChanged(Guid shopId, Guid providerId, IReadOnlyList<LocalDate> dates, Instant now) =>
        For(new BookingChange(BookingChangeKind.AvailabilityChanged, Guid.Empty, shopId, providerId, null, null, null, null, dates, now), now);

    /// <summary>The row saying group session <paramref name="sessionId"/> changed (opened, capacity, cancelled, seats) on <paramref name="date"/>.</summary>
    public static OutboxMessage SessionChanged(Guid shopId, Guid providerId, Guid sessionId, Instant start, Instant end, LocalDate date, Instant now) =>
        For(new BookingChange(BookingChangeKind.SessionChanged, Guid.Empty, shopId, providerId, null, start, end, null, [date], now, SessionId: sessionId), now);

    /// <summary>The row saying waitlist entry <paramref name="entryId"/> was offered the slot or seat [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static OutboxMessage WaitlistOffered(Guid shopId, Guid providerId, Guid entryId, Guid? sessionId, Instant start, Instant end, LocalDate date, Instant now) =>
        For(new BookingChange(BookingChangeKind.WaitlistOffered, Guid.Empty, shopId, providerId, null, start, end, null, [date], now, sessionId, entryId), now);

    /// <summary>The change to publish to <see cref="IBookingEvents"/>.</summary>
    public BookingChange ToChange() => new(
        Type switch
        {
            OutboxEventType.BookingCreated => BookingChangeKind.Created,
            OutboxEventType.BookingCancelled => BookingChangeKind.Cancelled,
            OutboxEventType.AvailabilityChanged => BookingChangeKind.AvailabilityChanged,
            OutboxEventType.SessionChanged => BookingChangeKind.SessionChanged,
            OutboxEventType.WaitlistOffered => BookingChangeKind.WaitlistOffered,
            _ => BookingChangeKind.Updated,
        },
        BookingId ?? Guid.Empty, ShopId, ProviderId, Status, Start, End, PreviousStart,
        Dates.Length == 0
            ? []
            : Dates.Split(',').Select(d => LocalDatePattern.Iso.Parse(d).Value).ToList(),
        OccurredAt, SessionId, WaitlistEntryId);

    private static OutboxEventType TypeOf(BookingChange change) => change.Kind switch
    {
        BookingChangeKind.Created => OutboxEventType.BookingCreated,
        BookingChangeKind.Cancelled => OutboxEventType.BookingCancelled,
        BookingChangeKind.AvailabilityChanged => OutboxEventType.AvailabilityChanged,
        BookingChangeKind.SessionChanged => OutboxEventType.SessionChanged,
        BookingChangeKind.WaitlistOffered => OutboxEventType.WaitlistOffered,
        _ when change.PreviousStart is not null => OutboxEventType.BookingMoved,
        _ => OutboxEventType.BookingStatusChanged,
    };
}
