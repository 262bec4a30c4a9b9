using NodaTime;
using NodaTime.TimeZones;

namespace BarberPro.Domain.Common;

/// <summary>
/// The one way a shop's wall-clock time becomes an instant (hours, slots, time off, deep links, API output). A time
/// that happens twice (clocks turned back) is the earlier one; a time that does not exist (clocks turned forward) is
/// the end of the gap. Not <see cref="Resolvers.LenientResolver"/>: it shifts a time in a gap forward by the gap's
/// length (00:30 → 01:30), so an interval starting at 00:30 would lose 01:00–01:30.
/// </summary>
public static class ShopTime
{
    private static readonly ZoneLocalMappingResolver GapEndOrEarlier =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static ZonedDateTime InZone(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, GapEndOrEarlier);

    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) => InZone(local, zone).ToInstant();
}
