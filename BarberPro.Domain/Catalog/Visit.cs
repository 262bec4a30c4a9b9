using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Catalog;

/// <summary>
/// The services of one visit, in the order the customer picked them: one, or several back to back with one provider
/// ("corte + barba + cejas"). The one place that says what a visit of several takes (docs/decisions/0016): the first
/// service's preparation before, the services' lengths one after another (no buffers between them: the same barber goes
/// straight on), the last service's cleanup after; the price is the sum.
/// </summary>
public static class Visit
{
    /// <summary>The most services one visit may have.</summary>
    public const int MaxServices = 4;

    /// <summary>Why <paramref name="offeringIds"/> cannot be one visit (none, too many, one twice); null when they can.</summary>
    public static DomainError? Refusal(IReadOnlyList<Guid> offeringIds) =>
        offeringIds.Count == 0 ? new("visit.no_service", "Elegí al menos un servicio.", "ServiceIds")
        : offeringIds.Count > MaxServices ? new("visit.too_many", $"Podés reservar hasta {MaxServices} servicios en un mismo turno.", "ServiceIds")
        : offeringIds.Distinct().Count() != offeringIds.Count ? new("visit.repeated", "Elegiste el mismo servicio dos veces.", "ServiceIds")
        : null;

    /// <summary>Why these services, found and in order, cannot be booked together (too long); null when they can.</summary>
    public static DomainError? Refusal(IReadOnlyList<Offering> offerings) =>
        BlockedSpan(offerings) > Offering.MaxBlockedSpan
            ? new("visit.too_long", "Los servicios elegidos, juntos, superan las 12 horas: reservalos en turnos separados.", "ServiceIds")
            : null;

    /// <summary>How long the customer is served: the services' lengths added.</summary>
    public static Duration Length(IReadOnlyList<Offering> offerings) =>
        offerings.Aggregate(Duration.Zero, (sum, o) => sum + o.Duration);

    /// <summary>The preparation before the visit: the first service's.</summary>
    public static Duration BufferBefore(IReadOnlyList<Offering> offerings) => offerings[0].BufferBefore;

    /// <summary>The cleanup after the visit: the last service's.</summary>
    public static Duration BufferAfter(IReadOnlyList<Offering> offerings) => offerings[^1].BufferAfter;

    /// <summary>What the visit costs: the services' prices added.</summary>
    public static decimal Price(IReadOnlyList<Offering> offerings) => offerings.Sum(o => o.Price);

    /// <summary>The visit's name as the shop and the customer read it: "Corte + Barba".</summary>
    public static string Name(IEnumerable<string> names) => string.Join(" + ", names);

    private static Duration BlockedSpan(IReadOnlyList<Offering> offerings) =>
        BufferBefore(offerings) + Length(offerings) + BufferAfter(offerings);
}
