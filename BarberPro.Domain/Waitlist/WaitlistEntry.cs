using System.Linq.Expressions;
using NodaTime;

namespace BarberPro.Domain.Waitlist;

public enum WaitlistStatus
{
    /// <summary>In line for a matching slot or seat.</summary>
    Waiting,

    /// <summary>A slot or seat is held for the entry until <see cref="WaitlistEntry.OfferExpiresAt"/>.</summary>
    Offered,

    /// <summary>The offer was accepted: <see cref="WaitlistEntry.BookingId"/> is the booking.</summary>
    Booked,

    /// <summary>The offer ran out unanswered, or the date passed.</summary>
    Expired,

    /// <summary>The customer left the list (or declined an offer).</summary>
    Left,
}

/// <summary>
/// A customer waiting for a full day or a full group session: a provider (or any, null), an offering, a date and an
/// optional time window. When a matching slot frees, it is offered to the first waiting entry in order of joining and
/// held for it (<see cref="OfferStart"/>…, until <see cref="OfferExpiresAt"/>): the availability engine treats a live
/// hold as busy for everyone else, and an expired hold blocks nothing (evaluated against "now").
/// </summary>
public sealed class WaitlistEntry
{
    public const int MaxNotesLength = 500;

    private WaitlistEntry() { }

    internal WaitlistEntry(Guid shopId, Guid? providerId, Guid offeringId, Guid customerId, LocalDate date,
        LocalTime? from, LocalTime? to, Guid? sessionId, Instant now)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        ProviderId = providerId;
        OfferingId = offeringId;
        CustomerId = customerId;
        Date = date;
        From = from;
        To = to;
        SessionId = sessionId;
        Status = WaitlistStatus.Waiting;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }

    /// <summary>The provider asked for; null for "cualquiera".</summary>
    public Guid? ProviderId { get; private set; }
    public Guid OfferingId { get; private set; }
    public Guid CustomerId { get; private set; }

    /// <summary>The group session waited for; null when waiting for an individual slot.</summary>
    public Guid? SessionId { get; private set; }

    /// <summary>The shop-local date wanted.</summary>
    public LocalDate Date { get; private set; }

    /// <summary>Earliest local start wanted ("de 17…"); null for any time.</summary>
    public LocalTime? From { get; private set; }

    /// <summary>Latest local end wanted ("…a 20"); null for any time.</summary>
    public LocalTime? To { get; private set; }

    public WaitlistStatus Status { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>The provider of the held slot (or of the held session seat).</summary>
    public Guid? OfferProviderId { get; private set; }
    public Instant? OfferStart { get; private set; }
    public Instant? OfferEnd { get; private set; }

    /// <summary>The held span with the offering's buffers: what other bookings may not overlap while the hold lasts.</summary>
    public Instant? OfferBlockedStart { get; private set; }
    public Instant? OfferBlockedEnd { get; private set; }
    public Instant? OfferedAt { get; private set; }
    public Instant? OfferExpiresAt { get; private set; }

    /// <summary>The booking made by accepting the offer.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>Concurrency token, bumped by every change (two writers under different calendar locks may race for one entry).</summary>
    public long Version { get; private set; }

    /// <summary>Whether a hold is live at <paramref name="now"/> (the one rule; <see cref="LiveAt"/> is its SQL twin).</summary>
    public bool HoldsAt(Instant now) => Status == WaitlistStatus.Offered && OfferExpiresAt > now;

    /// <summary><see cref="HoldsAt"/> as a query filter: entries whose hold is live at <paramref name="now"/>.</summary>
    public static Expression<Func<WaitlistEntry, bool>> LiveAt(Instant now) =>
        e => e.Status == WaitlistStatus.Offered && e.OfferExpiresAt > now;

    /// <summary>Entries still marked offered whose hold ran out by <paramref name="now"/> (the sweep passes them on).</summary>
    public static Expression<Func<WaitlistEntry, bool>> LapsedAt(Instant now) =>
        e => e.Status == WaitlistStatus.Offered && e.OfferExpiresAt <= now;

    /// <summary>
    /// Whether staff may hold a slot for this entry by hand at <paramref name="now"/>: it waits for an individual slot
    /// (a class's seats go by the class's own order), and has no live offer — waiting, or its offer ran out.
    /// </summary>
    public bool CanBeOfferedByHand(Instant now) =>
        SessionId is null && (Status == WaitlistStatus.Waiting || (Status == WaitlistStatus.Offered && !HoldsAt(now)));

    /// <summary>
    /// The status as of <paramref name="now"/>: an offer whose hold ran out is <see cref="WaitlistStatus.Expired"/> at once,
    /// before the sweep marks it so (what pages and the API show).
    /// </summary>
    public WaitlistStatus StatusAt(Instant now) => Status == WaitlistStatus.Offered && !HoldsAt(now) ? WaitlistStatus.Expired : Status;

    internal void Offer(Guid providerId, Instant start, Instant end, Instant blockedStart, Instant blockedEnd, Instant now, Duration hold)
    {
        Status = WaitlistStatus.Offered;
        OfferProviderId = providerId;
        OfferStart = start;
        OfferEnd = end;
        OfferBlockedStart = blockedStart;
        OfferBlockedEnd = blockedEnd;
        OfferedAt = now;
        OfferExpiresAt = now + hold;
        Touch(now);
    }

    internal void MarkBooked(Guid bookingId, Instant now)
    {
        Status = WaitlistStatus.Booked;
        BookingId = bookingId;
        Touch(now);
    }

    internal void MarkExpired(Instant now)
    {
        Status = WaitlistStatus.Expired;
        Touch(now);
    }

    internal void MarkLeft(Instant now)
    {
        Status = WaitlistStatus.Left;
        Touch(now);
    }

    private void Touch(Instant now)
    {
        UpdatedAt = now;
        Version++;
    }
}
