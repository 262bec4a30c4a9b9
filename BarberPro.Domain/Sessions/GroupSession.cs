using BarberPro.Domain.Catalog;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Domain.Sessions;

public enum GroupSessionStatus
{
    Open,
    Cancelled,
}

/// <summary>
/// A group session of an offering with capacity above 1 (a barbering class, group therapy): one provider, one time,
/// several participants. It takes the provider's time once (<see cref="BlockedStart"/>/<see cref="BlockedEnd"/>, buffers
/// included), so individual bookings cannot overlap it; each participant is a booking with
/// <see cref="Bookings.Booking.SessionId"/> set, which blocks nothing on its own. Seats are counted under the provider's
/// calendar lock, like every agenda write.
/// </summary>
public sealed class GroupSession
{
    private GroupSession() { }

    internal GroupSession(Shop shop, Guid providerId, Offering offering, Instant start, int capacity, string createdByUserId, Instant now)
    {
        Id = Guid.CreateVersion7();
        ShopId = shop.Id;
        ProviderId = providerId;
        OfferingId = offering.Id;
        Start = start;
        End = start + offering.Duration;
        BlockedStart = start - offering.BufferBefore;
        BlockedEnd = End + offering.BufferAfter;
        LocalStartDate = start.InZone(shop.TimeZone).Date;
        Capacity = capacity;
        Status = GroupSessionStatus.Open;
        CreatedByUserId = createdByUserId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid OfferingId { get; private set; }
    public Offering? Offering { get; private set; }

    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public Instant BlockedStart { get; private set; }
    public Instant BlockedEnd { get; private set; }

    /// <summary>The date of <see cref="Start"/> on the shop's wall clock.</summary>
    public LocalDate LocalStartDate { get; private set; }

    /// <summary>How many participants the session takes.</summary>
    public int Capacity { get; private set; }

    public GroupSessionStatus Status { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }
    public Instant? CancelledAt { get; private set; }

    /// <summary>Concurrency token, bumped by every change.</summary>
    public long Version { get; private set; }

    /// <summary>Whether the session takes the provider's time (an open session does; a cancelled one frees it).</summary>
    public bool BlocksTime => Status == GroupSessionStatus.Open;

    internal void ChangeCapacity(int capacity, Instant now)
    {
        Capacity = capacity;
        UpdatedAt = now;
        Version++;
    }

    internal void Cancel(Instant now)
    {
        Status = GroupSessionStatus.Cancelled;
        CancelledAt = now;
        UpdatedAt = now;
        Version++;
    }
}
