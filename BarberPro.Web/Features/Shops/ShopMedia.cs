using BarberPro.Domain.Shops;
using Microsoft.Net.Http.Headers;

namespace BarberPro.Web.Features.Shops;

/// <summary>
/// A shop's pictures (logo, place, team) at /media/shops/{shopId}/{imageId}: public, as stored (already re-encoded by the
/// server), with the stored content type. A picture never changes after upload (a new one gets a new id), so it is cached
/// for a year and its id is its ETag.
/// </summary>
public static class ShopMedia
{
    public static string Url(Guid shopId, Guid imageId) => $"/media/shops/{shopId}/{imageId}";

    public static IEndpointRouteBuilder MapShopMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/shops/{shopId:guid}/{imageId:guid}", ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServeAsync(Guid shopId, Guid imageId, HttpContext http, ShopBrandingService branding, CancellationToken ct)
    {
        var image = await branding.ImageAsync(shopId, imageId, ct);
        if (image is null)
            return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // Results.File answers 304 itself when If-None-Match names this ETag.
        return Results.File(image.Data, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{imageId:N}\""));
    }
}
