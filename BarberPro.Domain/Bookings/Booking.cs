using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// One appointment: a customer, an offering, a provider and a time. <see cref="Start"/>/<see cref="End"/> are
/// when the customer is served; <see cref="BlockedStart"/>/<see cref="BlockedEnd"/> add the offering's buffers
/// and are what other bookings may not overlap. Status changes go through <see cref="Apply"/>, which asks
/// <see cref="BookingLifecycle"/> and records every change in <see cref="History"/>.
/// </summary>
public sealed class Booking
{
    /// <summary>The longest note or cancellation reason.</summary>
    public const int MaxNotesLength = 500;

    private readonly List<BookingHistoryEntry> _history = [];
    private readonly List<BookingPart> _parts = [];

    private Booking() { }

    internal Booking(Shop shop, Provider provider, Offering offering, Customer customer, Instant start,
        string? notes, Actor createdBy, Instant now)
        : this(shop, provider, [offering], customer, start, notes, createdBy, now)
    {
    }

    /// <summary>A visit of <paramref name="visit"/>'s services, back to back, from <paramref name="start"/> (<see cref="Catalog.Visit"/>).</summary>
    internal Booking(Shop shop, Provider provider, IReadOnlyList<Offering> visit, Customer customer, Instant start,
        string? notes, Actor createdBy, Instant now)
    {
        if (Catalog.Visit.Refusal(visit) is { } tooLong)
            throw new DomainException(tooLong);
        Id = Guid.CreateVersion7();
        ShopId = shop.Id;
        ProviderId = provider.Id;
        OfferingId = visit[0].Id;
        CustomerId = customer.Id;
        Price = Catalog.Visit.Price(visit);
        Currency = shop.Currency;
        Notes = CleanNotes(notes);
        Status = createdBy.IsStaff ? BookingStatus.Confirmed : BookingStatus.Pending;
        CreatedByRole = createdBy.Role;
        CreatedAt = now;
        UpdatedAt = now;
        if (visit.Count > 1)
            _parts.AddRange(visit.Select((o, i) => new BookingPart(Id, i, o)));
        SetTimes(start, visit, shop.TimeZone);
        _history.Add(new BookingHistoryEntry(Id, null, Status, null, createdBy, now, null, null));
    }

    /// <summary>
    /// The services of a visit of several, in order (<see cref="BookingPart"/>); empty for a booking of one service, which
    /// <see cref="Offering"/> describes. Loaded only where asked for (Include).
    /// </summary>
    public IReadOnlyList<BookingPart> Parts => _parts;

    /// <summary>
    /// What was booked as people read it: "Color + Corte" for a visit of several (the names when booked), else the
    /// offering's name. Needs <see cref="Parts"/> and <see cref="Offering"/> loaded.
    /// </summary>
    public string ServiceName => _parts.Count > 0 ? Catalog.Visit.Name(_parts.OrderBy(p => p.Position).Select(p => p.Name)) : Offering?.Name ?? "";

    /// <summary>
    /// The services booked with their times, in order: each part of a visit from where the one before it ends, or the
    /// booking itself for one service. Needs <see cref="Parts"/> and <see cref="Offering"/> loaded.
    /// </summary>
    public IReadOnlyList<BookedService> Services
    {
        get
        {
            if (_parts.Count == 0)
                return [new BookedService(OfferingId, Offering?.Name ?? "", Start, End, Price)];
            var services = new List<BookedService>(_parts.Count);
            var start = Start;
            foreach (var part in _parts.OrderBy(p => p.Position))
            {
                services.Add(new BookedService(part.OfferingId, part.Name, start, start + part.Duration, part.Price));
                start += part.Duration;
            }
            return services;
        }
    }

    /// <summary>The services booked, in order: the parts' when a visit of several, else the one offering. Needs <see cref="Parts"/> loaded.</summary>
    public IReadOnlyList<Guid> OfferingIds => _parts.Count > 0 ? _parts.OrderBy(p => p.Position).Select(p => p.OfferingId).ToList() : [OfferingId];

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid OfferingId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Shop? Shop { get; private set; }
    public Provider? Provider { get; private set; }
    public Offering? Offering { get; private set; }
    public Customer? Customer { get; private set; }

    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public Instant BlockedStart { get; private set; }
    public Instant BlockedEnd { get; private set; }

    /// <summary>
    /// The date of <see cref="Start"/> on the shop's wall clock (in the shop's zone when the booking was made or last
    /// moved), stored so reports can group by the shop's day in SQL on every database.
    /// </summary>
    public LocalDate LocalStartDate { get; private set; }

    public BookingStatus Status { get; private set; }
    /// <summary>The offering's price when booked; later price changes do not touch it.</summary>
    public decimal Price { get; private set; }
    public string Currency { get; private set; } = "ARS";
    public string? Notes { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>
    /// The booking's own concurrency token, bumped by every change: an UPDATE carries <c>WHERE "Version" = @read</c>,
    /// so a change decided on a stale read of this booking cannot commit (a second line behind the calendar lock that
    /// every agenda write takes first; docs/decisions/0001).
    /// </summary>
    public long Version { get; private set; }
    public string? CancelledByUserId { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Who made the booking: the customer (online) or staff (a barber, the owner, an admin) for the customer.</summary>
    public ActorRole CreatedByRole { get; private set; }

    /// <summary>When the booking was cancelled; null while it is not.</summary>
    public Instant? CancelledAt { get; private set; }

    /// <summary>Who cancelled it: the customer, or the shop (a barber, the owner, an admin).</summary>
    public ActorRole? CancelledByRole { get; private set; }

    /// <summary>
    /// Cancelled late: inside the shop's cancellation window as it was then (less than the window left before the start,
    /// or after it). Kept with the booking, so reports do not change when the policy does.
    /// </summary>
    public bool CancelledLate { get; private set; }

    /// <summary>When the first reminder of this booking was sent (by the notification sender); null when none was.</summary>
    public Instant? ReminderSentAt { get; private set; }

    /// <summary>
    /// Notes that a reminder went out at <paramref name="sentAt"/> (the first one counts): what the notification sender
    /// writes with one UPDATE when it sends one, for whoever builds bookings in memory (the demo's history, benchmarks).
    /// </summary>
    internal void NoteReminderSent(Instant sentAt) => ReminderSentAt ??= sentAt;

    /// <summary>Whether the customer confirmed it themselves (replying to a reminder, or in the app).</summary>
    public bool ConfirmedByCustomer { get; private set; }

    /// <summary>The recurring series this booking is an occurrence of (<see cref="Series.BookingSeries"/>); null for a one-off.</summary>
    public Guid? SeriesId { get; private set; }

    /// <summary>Which occurrence of the series' pattern this booking stands for (0 = the first), even after it moved.</summary>
    public int? SeriesIndex { get; private set; }

    /// <summary>
    /// The group session this booking is a seat in (<see cref="Sessions.GroupSession"/>); null for an individual booking.
    /// A seat blocks no time of its own: the session does (<see cref="BlocksTime"/>).
    /// </summary>
    public Guid? SessionId { get; private set; }

    /// <summary>
    /// Whether this booking keeps other bookings out of the provider's agenda: an individual booking in a blocking status.
    /// The same rule as SQL is <see cref="BookingStatuses.ThatBlockTime"/>.
    /// </summary>
    public bool BlocksTime => SessionId is null && Status.IsBlocking();

    public IReadOnlyList<BookingHistoryEntry> History => _history;

    /// <summary>The half-open span [BlockedStart, BlockedEnd) this booking takes from the agenda.</summary>
    public Interval BlockedSpan => new(BlockedStart, BlockedEnd);

    /// <summary>Applies a status action (not a reschedule) if the lifecycle table allows it.</summary>
    public DomainError? Apply(BookingAction action, Actor actor, Instant now, Duration cancellationWindow, string? reason = null)
    {
        if (action == BookingAction.Reschedule)
            throw new ArgumentException("Use MoveTo to reschedule.", nameof(action));
        var decision = BookingLifecycle.Decide(Status, action, actor.Role, Start, now, cancellationWindow);
        if (!decision.Allowed)
            return decision.Error;

        var from = Status;
        Status = decision.To;
        UpdatedAt = now;
        Version++;
        reason = CleanNotes(reason);
        if (action == BookingAction.Cancel)
        {
            CancelledByUserId = actor.UserId;
            CancellationReason = reason;
            CancelledAt = now;
            CancelledByRole = actor.Role;
            CancelledLate = now > Start - cancellationWindow;
        }
        if (action == BookingAction.Confirm && actor.Role == ActorRole.Customer)
            ConfirmedByCustomer = true;
        _history.Add(new BookingHistoryEntry(Id, from, Status, action, actor, now, reason, null));
        return null;
    }

    /// <summary>Checks whether the lifecycle table allows a reschedule now, without changing anything.</summary>
    public DomainError? CanReschedule(Actor actor, Instant now, Duration cancellationWindow) =>
        BookingLifecycle.Decide(Status, BookingAction.Reschedule, actor.Role, Start, now, cancellationWindow).Error;

    /// <summary>
    /// Moves the booking; the caller has checked <see cref="CanReschedule"/> and the new slot's availability, and has
    /// loaded <see cref="Shop"/> (its zone gives <see cref="LocalStartDate"/>).
    /// </summary>
    internal void MoveTo(Instant newStart, IReadOnlyList<Offering> visit, Actor actor, Instant now)
    {
        var previous = Start;
        foreach (var part in _parts)
            part.Reshape(visit.Single(o => o.Id == part.OfferingId));
        SetTimes(newStart, visit, (Shop ?? throw new InvalidOperationException("Load the booking's shop before moving it.")).TimeZone);
        UpdatedAt = now;
        Version++;
        _history.Add(new BookingHistoryEntry(Id, Status, Status, BookingAction.Reschedule, actor, now, null, previous));
    }

    /// <summary>Makes this new booking occurrence <paramref name="index"/> of series <paramref name="seriesId"/>.</summary>
    internal void PartOfSeries(Guid seriesId, int index)
    {
        SeriesId = seriesId;
        SeriesIndex = index;
    }

    /// <summary>
    /// Makes this new booking a seat in <paramref name="session"/>, at the session's times (which the offering's duration
    /// gave when the session opened, whatever it is now).
    /// </summary>
    internal void SeatIn(Sessions.GroupSession session)
    {
        SessionId = session.Id;
        Start = session.Start;
        End = session.End;
        BlockedStart = session.BlockedStart;
        BlockedEnd = session.BlockedEnd;
        LocalStartDate = session.LocalStartDate;
    }

    /// <summary>Sets <see cref="LocalStartDate"/> from <see cref="Start"/> in <paramref name="zone"/> (backfills rows stored without it).</summary>
    internal void RefreshLocalStartDate(DateTimeZone zone) => LocalStartDate = Start.InZone(zone).Date;

    private void SetTimes(Instant start, IReadOnlyList<Offering> visit, DateTimeZone zone)
    {
        var shape = Availability.SlotShape.Of(visit);
        Start = start;
        RefreshLocalStartDate(zone);
        End = start + shape.Duration;
        BlockedStart = start - shape.BufferBefore;
        BlockedEnd = End + shape.BufferAfter;
    }

    private static string? CleanNotes(string? text)
    {
        text = PlainText.Text(text);
        if (text?.Length > MaxNotesLength)
            throw new DomainException(new("booking.notes_too_long", $"El texto puede tener hasta {MaxNotesLength} caracteres.", "Notes"));
        return text;
    }
}

/// <summary>One change to a booking: who, when, from which status to which, and why.</summary>
public sealed class BookingHistoryEntry
{
    private BookingHistoryEntry() { }

    internal BookingHistoryEntry(Guid bookingId, BookingStatus? from, BookingStatus to, BookingAction? action,
        Actor actor, Instant at, string? reason, Instant? previousStart)
    {
        Id = Guid.CreateVersion7();
        BookingId = bookingId;
        FromStatus = from;
        ToStatus = to;
        Action = action;
        ByUserId = actor.UserId;
        ByRole = actor.Role;
        At = at;
        Reason = reason;
        PreviousStart = previousStart;
    }

    public Guid Id { get; private set; }
    public Guid BookingId { get; private set; }
    /// <summary>Null for the entry that records the booking's creation.</summary>
    public BookingStatus? FromStatus { get; private set; }
    public BookingStatus ToStatus { get; private set; }
    /// <summary>Null for the entry that records the booking's creation.</summary>
    public BookingAction? Action { get; private set; }
    public string ByUserId { get; private set; } = "";
    public ActorRole ByRole { get; private set; }
    public Instant At { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>For reschedules: where the booking was before.</summary>
    public Instant? PreviousStart { get; private set; }
}
