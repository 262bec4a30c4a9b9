using BarberPro.Domain.Catalog;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Domain.Availability;

/// <summary>What the engine needs to know about one provider and one offering. Plain values: no database.</summary>
/// <param name="Zone">The shop's time zone; working hours and time off are read in it.</param>
/// <param name="Policy">The shop's notice, horizon and slot step.</param>
/// <param name="Shape">The offering's duration and buffers.</param>
/// <param name="Hours">Weekly hours and date overrides.</param>
/// <param name="TimeOff">Spans in local time when the provider is away.</param>
/// <param name="Busy">Blocked spans of the provider's blocking bookings (buffers included), in any order.</param>
public sealed record AvailabilityInput(
    DateTimeZone Zone,
    BookingPolicy Policy,
    SlotShape Shape,
    ProviderHours Hours,
    IReadOnlyList<LocalDateTimeRange> TimeOff,
    IReadOnlyList<Interval> Busy);

/// <summary>How much agenda one booking of an offering takes.</summary>
public readonly record struct SlotShape(Duration Duration, Duration BufferBefore, Duration BufferAfter)
{
    public static SlotShape Of(Offering offering) => new(offering.Duration, offering.BufferBefore, offering.BufferAfter);

    /// <summary>What a visit of these services, in this order, takes (<see cref="Visit"/>); one service's shape for one.</summary>
    public static SlotShape Of(IReadOnlyList<Offering> visit) => new(Visit.Length(visit), Visit.BufferBefore(visit), Visit.BufferAfter(visit));

    /// <summary>The span a booking starting at <paramref name="start"/> blocks, buffers included.</summary>
    public Interval BlockedAt(Instant start) => new(start - BufferBefore, start + Duration + BufferAfter);
}

/// <summary>A local span that may cross midnight, [Start, End).</summary>
public readonly record struct LocalDateTimeRange(LocalDateTime Start, LocalDateTime End);

/// <summary>
/// A provider's regular week, the dates that replace it, and the dates the whole shop is closed. The one place that
/// says which hours a provider works on a date: a shop closure beats a date override, which beats the weekly hours.
/// </summary>
public sealed class ProviderHours
{
    private readonly ILookup<IsoDayOfWeek, LocalTimeRange> _weekly;
    private readonly IReadOnlyDictionary<LocalDate, IReadOnlyList<LocalTimeRange>> _overrides;
    private readonly HashSet<LocalDate> _shopClosed;

    /// <param name="weekly">Working intervals per weekday.</param>
    /// <param name="overrides">Per date: the day's intervals instead of the weekly ones; an empty list means closed.</param>
    /// <param name="shopClosed">Dates the whole shop is closed (<see cref="ShopClosure"/>): no hours, whatever the rest says.</param>
    public ProviderHours(IEnumerable<(IsoDayOfWeek Day, LocalTimeRange Range)> weekly,
        IReadOnlyDictionary<LocalDate, IReadOnlyList<LocalTimeRange>>? overrides = null,
        IEnumerable<LocalDate>? shopClosed = null)
    {
        _weekly = weekly.ToLookup(w => w.Day, w => w.Range);
        _overrides = overrides ?? new Dictionary<LocalDate, IReadOnlyList<LocalTimeRange>>();
        _shopClosed = [.. shopClosed ?? []];
    }

    /// <summary>The provider's loaded hours and overrides, with no shop closure.</summary>
    public static ProviderHours Of(Provider provider) => Of(provider, []);

    /// <summary>The provider's loaded hours and overrides, and the shop's closed dates (those loaded for the range at hand).</summary>
    public static ProviderHours Of(Provider provider, IEnumerable<LocalDate> shopClosed) => new(
        provider.WorkingHours.Select(w => (w.Day, w.Range)),
        provider.Overrides
            .GroupBy(o => o.Date)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LocalTimeRange>)g
                .Where(o => !o.IsClosed)
                .Select(o => new LocalTimeRange(o.Start!.Value, o.End!.Value))
                .ToList()),
        shopClosed);

    /// <summary>The working intervals of <paramref name="date"/>, sorted by start; none when the shop is closed that day.</summary>
    public IEnumerable<LocalTimeRange> On(LocalDate date) =>
        _shopClosed.Contains(date) ? []
        : (_overrides.TryGetValue(date, out var ranges) ? ranges : _weekly[date.DayOfWeek]).OrderBy(r => r.Start);

    /// <summary>Whether the whole shop is closed on <paramref name="date"/>.</summary>
    public bool IsShopClosed(LocalDate date) => _shopClosed.Contains(date);
}
