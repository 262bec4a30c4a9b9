using NodaTime;

namespace BarberPro.Domain.Series;

/// <summary>How often a series repeats. "Monthly" is the same weekday of the month (see docs/decisions/0008).</summary>
public enum SeriesFrequency
{
    Daily,
    Weekly,
    Biweekly,
    Monthly,
}

/// <summary>
/// A recurring appointment: one customer, one provider, one offering, repeating at the same local wall-clock time.
/// Its occurrences are ordinary bookings (<see cref="Bookings.Booking.SeriesId"/>, <see cref="Bookings.Booking.SeriesIndex"/>);
/// the series keeps the pattern they were cut from, so a calendar file can say it as one RRULE with EXDATEs for the
/// occurrences skipped or cancelled.
/// </summary>
public sealed class BookingSeries
{
    /// <summary>The most occurrences one series may have.</summary>
    public const int MaxOccurrences = 52;

    private BookingSeries() { }

    internal BookingSeries(Guid shopId, Guid providerId, Guid offeringId, Guid customerId, SeriesFrequency frequency,
        LocalDateTime firstStart, int patternCount, string createdByUserId, Instant now)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        ProviderId = providerId;
        OfferingId = offeringId;
        CustomerId = customerId;
        Frequency = frequency;
        FirstStart = firstStart;
        PatternCount = patternCount;
        CreatedByUserId = createdByUserId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid OfferingId { get; private set; }
    public Guid CustomerId { get; private set; }
    public SeriesFrequency Frequency { get; private set; }

    /// <summary>The first occurrence of the pattern, on the shop's wall clock; every occurrence keeps its time of day.</summary>
    public LocalDateTime FirstStart { get; private set; }

    /// <summary>How many occurrences the pattern has (skipped ones included): the RRULE's COUNT.</summary>
    public int PatternCount { get; private set; }

    public string CreatedByUserId { get; private set; } = "";
    public Instant CreatedAt { get; private set; }
}
