using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// The services a request asks for: one (<c>serviceId</c>) or a visit of several, in order (<c>serviceIds</c>), never both.
/// The one place the API reads them; what makes a visit is <see cref="Visit"/>'s rule.
/// </summary>
public static class ApiServiceIds
{
    /// <summary>From a query string: <paramref name="serviceIds"/> is comma-separated ("id1,id2").</summary>
    public static IReadOnlyList<Guid>? FromQuery(string? serviceId, string? serviceIds, List<DomainError> errors)
    {
        if (string.IsNullOrEmpty(serviceIds))
        {
            if (Guid.TryParse(serviceId, out var one))
                return [one];
            errors.Add(string.IsNullOrEmpty(serviceId)
                ? ApiMapping.Required("serviceId", "el servicio (serviceId, o serviceIds para varios servicios en un turno)")
                : new("request.guid", "El servicio (serviceId) no es un identificador válido.", "serviceId"));
            return null;
        }
        var parts = serviceIds.Split(',', StringSplitOptions.TrimEntries);
        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                errors.Add(new("request.guid", "Los servicios (serviceIds) deben ser identificadores separados por comas.", "serviceIds"));
                return null;
            }
            ids.Add(id);
        }
        return FromBody(string.IsNullOrEmpty(serviceId) ? null : Guid.TryParse(serviceId, out var single) ? single : Guid.Empty, ids, errors);
    }

    /// <summary>From a JSON body: <c>serviceId</c> or <c>serviceIds</c>.</summary>
    public static IReadOnlyList<Guid>? FromBody(Guid? serviceId, IReadOnlyList<Guid>? serviceIds, List<DomainError> errors)
    {
        if (serviceIds is null)
        {
            if (serviceId is { } one)
                return [one];
            errors.Add(ApiMapping.Required("serviceId", "el servicio (serviceId, o serviceIds para varios servicios en un turno)"));
            return null;
        }
        if (serviceId is not null)
        {
            errors.Add(new("request.service_both", "Indicá serviceId (un servicio) o serviceIds (varios en un turno), no los dos.", "serviceIds"));
            return null;
        }
        if (Visit.Refusal(serviceIds) is { } refused)
        {
            errors.Add(refused with { Field = "serviceIds" });
            return null;
        }
        return serviceIds;
    }
}
