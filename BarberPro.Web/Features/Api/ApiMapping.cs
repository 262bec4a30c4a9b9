using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>Entities to response bodies, and the small request checks every endpoint shares.</summary>
public static class ApiMapping
{
    public static ShopSummary ToSummary(this Shop s) =>
        new(s.Id, s.Name, s.Slug, s.TimeZoneId, s.Address, s.Phone, s.Currency, s.Vertical.ToString().ToLowerInvariant());

    public static PolicyResponse ToResponse(this BookingPolicy p) =>
        new(Minutes(p.CancellationWindow), Minutes(p.MinimumNotice), p.HorizonDays, Minutes(p.SlotStep), p.RequiresPatientDetails);

    public static ServiceResponse ToResponse(this Offering o, string currency) =>
        new(o.Id, o.ShopId, o.Name, o.Description, Minutes(o.Duration), Minutes(o.BufferBefore), Minutes(o.BufferAfter), o.Price, currency, o.Capacity, o.Active);

    public static ProviderResponse ToResponse(this Provider p)
    {
        var zone = p.Shop!.TimeZone;
        return new ProviderResponse(p.Id, p.ShopId, p.DisplayName, p.Active, p.Shop.TimeZoneId,
            p.Offerings.Select(o => o.Id).Order().ToList(),
            p.WorkingHours.OrderBy(w => w.Day).ThenBy(w => w.Start).Select(w => new WorkingHoursEntry(w.Day, ApiTime.Out(w.Start), ApiTime.Out(w.End))).ToList(),
            p.Overrides.GroupBy(o => o.Date).OrderBy(g => g.Key).Select(g => new DateOverrideResponse(ApiTime.Out(g.Key), g.All(o => o.IsClosed),
                g.Where(o => !o.IsClosed).OrderBy(o => o.Start).Select(o => new TimeRange(ApiTime.Out(o.Start!.Value), ApiTime.Out(o.End!.Value))).ToList(),
                g.Select(o => o.Note).FirstOrDefault(n => n is not null))).ToList(),
            p.TimeOff.OrderBy(t => t.Start).Select(t => new TimeOffResponse(t.Id, ApiTime.Out(t.Start, zone), ApiTime.Out(t.End, zone), t.Reason)).ToList());
    }

    /// <summary>Null when a navigation the response needs was not loaded.</summary>
    public static BookingResponse? ToResponse(this Booking b)
    {
        if (b.Shop is null || b.Provider is null || b.Offering is null || b.Customer is null)
            return null;
        var zone = b.Shop.TimeZone;
        return new BookingResponse(b.Id, b.ShopId, b.ProviderId, b.Provider.DisplayName, b.OfferingId, b.ServiceName,
            new CustomerResponse(b.Customer.Id, b.Customer.FullName, b.Customer.Phone),
            ApiTime.Out(b.Start, zone), ApiTime.Out(b.End, zone), b.Shop.TimeZoneId, b.Status, b.Price, b.Currency,
            b.Notes, b.CancellationReason, ApiTime.Out(b.CreatedAt, zone), ApiTime.Out(b.UpdatedAt, zone), b.SeriesId, b.SessionId,
            b.Services.Select(s => new BookedServiceResponse(s.OfferingId, s.Name, ApiTime.Out(s.Start, zone), ApiTime.Out(s.End, zone), s.Price)).ToList());
    }

    public static IReadOnlyList<SlotResponse> Slots(IEnumerable<Instant> starts, Duration duration, DateTimeZone zone) =>
        starts.Select(s => new SlotResponse(ApiTime.Out(s, zone), ApiTime.Out(s + duration, zone))).ToList();

    public static int Minutes(Duration d) => (int)(d.BclCompatibleTicks / NodaConstants.TicksPerMinute);

    public static DomainError Required(string field, string what) => new("request.required", $"Falta {what}.", field);

    public static DomainError BadInstant(string field) => new("request.instant_format", "La fecha y hora no es válida. " + ApiTime.InstantFormatHint, field);

    public static DomainError BadDate(string field) => new("request.date_format", "La fecha no es válida. Usá el formato AAAA-MM-DD, por ejemplo 2026-12-08.", field);
}
