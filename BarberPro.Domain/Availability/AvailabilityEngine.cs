using BarberPro.Domain.Catalog;
using NodaTime;
using NodaTime.TimeZones;

namespace BarberPro.Domain.Availability;

/// <summary>
/// Bookable start instants for one provider and one offering. Pure: everything it knows comes in
/// <see cref="AvailabilityInput"/> and "now".
/// <list type="bullet">
/// <item>Candidates start at each working interval's start and repeat every slot step; the service itself
/// (not its buffers) must end by the interval's end.</item>
/// <item>The blocked span (buffers included) may not overlap a busy span or time off.</item>
/// <item>Starts earlier than now + minimum notice are excluded; dates after today + horizon have none.</item>
/// <item>Staff (<see cref="Booker.Staff"/>) skip the minimum notice, and may also start a booking now: at the current
/// minute, off the slot grid, when the service fits in a working interval and the span is free (a walk-in).</item>
/// <item>Local times become instants leniently: a working interval that begins in a DST gap
/// begins when the gap ends; in an overlap the earlier instant is used. Candidates step in elapsed time, so
/// no slot is offered twice and none falls in a gap.</item>
/// </list>
/// </summary>
public static class AvailabilityEngine
{
    /// <summary>The bookable starts on <paramref name="date"/> (a date in the shop's zone), in order.</summary>
    public static IReadOnlyList<Instant> GetSlots(AvailabilityInput input, LocalDate date, Instant now)
    {
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, date, date));
        return Candidates(input, date, now, EarliestFor(input, now, Booker.Customer)).Where(t => timeline.IsFree(input.Shape.BlockedAt(t))).ToList();
    }

    /// <summary>
    /// What staff may book on <paramref name="date"/> for someone who is in the shop (a walk-in): <see cref="StaffStarts.Now"/>
    /// is the current minute when <paramref name="date"/> is today and a booking may start right now (off the grid);
    /// <see cref="StaffStarts.Next"/> are the free grid starts after now, without the customers' minimum notice.
    /// </summary>
    public static StaffStarts GetStaffStarts(AvailabilityInput input, LocalDate date, Instant now)
    {
        var startNow = StartNow(now);
        Instant? free = startNow.InZone(input.Zone).Date == date && CheckNow(input, startNow) == SlotCheck.Available ? startNow : null;
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, date, date));
        var next = Candidates(input, date, now, EarliestFor(input, now, Booker.Staff))
            .Where(t => t != free && timeline.IsFree(input.Shape.BlockedAt(t)))
            .ToList();
        return new StaffStarts(free, next);
    }

    /// <summary>The start of a booking that begins now: the current minute (seconds dropped).</summary>
    public static Instant StartNow(Instant now) =>
        Instant.FromUnixTimeTicks(now.ToUnixTimeTicks() - ((now.ToUnixTimeTicks() % NodaConstants.TicksPerMinute) + NodaConstants.TicksPerMinute) % NodaConstants.TicksPerMinute);

    /// <summary>
    /// Whether <paramref name="start"/> means "now": the current minute, or the minute before it (the page offered
    /// "now" a moment ago and the clock ticked over before the booking was written).
    /// </summary>
    public static bool IsStartNow(Instant start, Instant now) =>
        start == StartNow(now) || start == StartNow(now) - Duration.FromMinutes(1);

    /// <summary>Whether <paramref name="date"/> has at least one bookable start; stops at the first.</summary>
    public static bool HasAnySlot(AvailabilityInput input, LocalDate date, Instant now)
    {
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, date, date));
        return HasAnySlot(input, date, now, timeline);
    }

    /// <summary>The dates of <paramref name="month"/> with at least one bookable start (for a month calendar).</summary>
    public static IReadOnlyList<LocalDate> GetAvailableDays(AvailabilityInput input, YearMonth month, Instant now)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, first, last));
        var days = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            if (HasAnySlot(input, d, now, timeline))
                days.Add(d);
        }
        return days;
    }

    /// <summary>
    /// Whether <paramref name="booker"/> may start a booking at <paramref name="start"/>, and if not, the first reason why.
    /// Customers need a grid start at least the minimum notice ahead; staff need a grid start from now on, or "now"
    /// itself (<see cref="IsStartNow"/>) off the grid.
    /// </summary>
    public static SlotCheck Check(AvailabilityInput input, Instant start, Instant now, Booker booker = Booker.Customer)
    {
        if (booker == Booker.Staff && IsStartNow(start, now))
            return input.Hours.IsShopClosed(start.InZone(input.Zone).Date) ? SlotCheck.ShopClosed : CheckNow(input, start);
        if (start < now)
            return SlotCheck.InPast;
        if (start < EarliestFor(input, now, booker))
            return SlotCheck.TooSoon;
        var date = start.InZone(input.Zone).Date;
        if (date > LastBookableDate(input, now))
            return SlotCheck.BeyondHorizon;
        if (input.Hours.IsShopClosed(date))
            return SlotCheck.ShopClosed;
        if (!Candidates(input, date, now, Instant.MinValue).Contains(start))
            return SlotCheck.OutsideHours;
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, date, date));
        return timeline.IsFree(input.Shape.BlockedAt(start)) ? SlotCheck.Available : SlotCheck.Taken;
    }

    /// <summary>A booking that starts now, off the grid: the service must fit in one of the day's working intervals and the span be free.</summary>
    private static SlotCheck CheckNow(AvailabilityInput input, Instant start)
    {
        var date = start.InZone(input.Zone).Date;
        var fits = input.Hours.On(date).Any(range =>
            Resolve(input.Zone, date.At(range.Start)) <= start && start + input.Shape.Duration <= Resolve(input.Zone, date.At(range.End)));
        if (!fits)
            return SlotCheck.OutsideHours;
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, date, date));
        return timeline.IsFree(input.Shape.BlockedAt(start)) ? SlotCheck.Available : SlotCheck.Taken;
    }

    /// <summary>The earliest start <paramref name="booker"/> may take: customers respect the shop's minimum notice, staff do not.</summary>
    private static Instant EarliestFor(AvailabilityInput input, Instant now, Booker booker) =>
        booker == Booker.Staff ? now : now + input.Policy.MinimumNotice;

    /// <summary>
    /// Up to <paramref name="count"/> bookable starts nearest to <paramref name="around"/>: first on its date,
    /// then on the following days (at most <paramref name="searchDays"/>), returned in chronological order.
    /// </summary>
    public static IReadOnlyList<Instant> Nearest(AvailabilityInput input, Instant around, Instant now, int count = 5, int searchDays = 14)
    {
        var firstDate = around.InZone(input.Zone).Date;
        var lastDate = firstDate.PlusDays(searchDays);
        var timeline = BusyTimeline.For(input, DayWindow(input.Zone, firstDate, lastDate));
        var sameDay = Candidates(input, firstDate, now, EarliestFor(input, now, Booker.Customer))
            .Where(t => timeline.IsFree(input.Shape.BlockedAt(t)))
            .OrderBy(t => Abs(t - around))
            .Take(count)
            .ToList();
        for (var d = firstDate.PlusDays(1); sameDay.Count < count && d <= lastDate; d = d.PlusDays(1))
        {
            sameDay.AddRange(Candidates(input, d, now, EarliestFor(input, now, Booker.Customer))
                .Where(t => timeline.IsFree(input.Shape.BlockedAt(t)))
                .Take(count - sameDay.Count));
        }
        sameDay.Sort();
        return sameDay;
    }

    private static bool HasAnySlot(AvailabilityInput input, LocalDate date, Instant now, BusyTimeline timeline) =>
        Candidates(input, date, now, EarliestFor(input, now, Booker.Customer)).Any(t => timeline.IsFree(input.Shape.BlockedAt(t)));

    /// <summary>Grid-aligned starts inside working hours from <paramref name="earliest"/> on, before looking at bookings.</summary>
    private static IEnumerable<Instant> Candidates(AvailabilityInput input, LocalDate date, Instant now, Instant earliest)
    {
        var today = now.InZone(input.Zone).Date;
        if (date < today || date > LastBookableDate(input, now))
            yield break;
        var step = input.Policy.SlotStep;
        foreach (var range in input.Hours.On(date))
        {
            var from = Resolve(input.Zone, date.At(range.Start));
            var to = Resolve(input.Zone, date.At(range.End));
            for (var t = from; t + input.Shape.Duration <= to; t += step)
            {
                if (t >= earliest)
                    yield return t;
            }
        }
    }

    private static LocalDate LastBookableDate(AvailabilityInput input, Instant now) =>
        now.InZone(input.Zone).Date.PlusDays(input.Policy.HorizonDays);

    /// <summary>A shop-local time as an instant (the rule is <see cref="Common.ShopTime"/>).</summary>
    internal static Instant Resolve(DateTimeZone zone, LocalDateTime local) => Common.ShopTime.ToInstant(local, zone);

    /// <summary>Instants from the start of <paramref name="first"/> to the end of <paramref name="last"/>, widened by the longest blocked span.</summary>
    private static Interval DayWindow(DateTimeZone zone, LocalDate first, LocalDate last) => new(
        zone.AtStartOfDay(first).ToInstant() - Offering.MaxBlockedSpan,
        zone.AtStartOfDay(last.PlusDays(1)).ToInstant() + Offering.MaxBlockedSpan);

    private static Duration Abs(Duration d) => d < Duration.Zero ? -d : d;

    /// <summary>Busy spans and time off inside a window, merged into sorted disjoint intervals.</summary>
    private sealed class BusyTimeline
    {
        private readonly Interval[] _spans;

        private BusyTimeline(Interval[] spans) => _spans = spans;

        public static BusyTimeline For(AvailabilityInput input, Interval window)
        {
            var spans = new List<Interval>();
            foreach (var busy in input.Busy)
            {
                if (busy.Start < window.End && busy.End > window.Start)
                    spans.Add(busy);
            }
            foreach (var off in input.TimeOff)
            {
                var span = new Interval(Resolve(input.Zone, off.Start), Resolve(input.Zone, off.End));
                if (span.Start < window.End && span.End > window.Start && span.Start < span.End)
                    spans.Add(span);
            }
            spans.Sort((a, b) => a.Start.CompareTo(b.Start));

            var merged = new List<Interval>(spans.Count);
            foreach (var span in spans)
            {
                if (merged.Count > 0 && span.Start <= merged[^1].End)
                {
                    if (span.End > merged[^1].End)
                        merged[^1] = new Interval(merged[^1].Start, span.End);
                }
                else
                {
                    merged.Add(span);
                }
            }
            return new BusyTimeline([.. merged]);
        }

        /// <summary>True when [span.Start, span.End) overlaps no busy interval (touching ends do not overlap).</summary>
        public bool IsFree(Interval span)
        {
            // First interval whose end is after span.Start; intervals are disjoint and sorted, so ends are sorted too.
            int lo = 0, hi = _spans.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_spans[mid].End <= span.Start) lo = mid + 1;
                else hi = mid;
            }
            return lo == _spans.Length || _spans[lo].Start >= span.End;
        }
    }
}
