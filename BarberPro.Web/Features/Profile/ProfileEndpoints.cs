using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Domain.Customers;

namespace BarberPro.Web.Features.Profile;

/// <summary>The profile page's download of everything we hold about the customer (the same export as <c>GET /api/v1/me/data</c>), for the signed-in cookie.</summary>
public static class ProfileEndpoints
{
    public const string DownloadPath = "/cuenta/mis-datos/descargar";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for people to read: accents and "+549…" as they are (it is never embedded in a page).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath, async (ClaimsPrincipal user, DataRights rights, CancellationToken ct) =>
        {
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var export = userId is null ? null : await rights.ExportAsync(userId, ct);
            return export is { Succeeded: true, Value: { } data }
                ? Results.File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json; charset=utf-8", "mis-datos-barberpro.json")
                : Results.NotFound();
        }).RequireAuthorization();
        return endpoints;
    }
}
