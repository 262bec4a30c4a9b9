using System.Security.Claims;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Public shop pages: anyone may list shops and see one's services and providers. The shop's closed days
/// (<see cref="ShopSettingsService"/>) are the owner's: the shop's owner and admins only, anyone else gets 404.
/// </summary>
public static class ShopsApi
{
    public static IEndpointRouteBuilder MapShopsApi(this IEndpointRouteBuilder app)
    {
        var shops = app.MapGroup("/api/v1/shops").WithTags("Shops").ProducesProblem(StatusCodes.Status400BadRequest);

        shops.MapGet("/", ListShops)
            .WithName("ListShops")
            .WithSummary("List shops")
            .WithDescription("Every shop taking bookings, by name. Anonymous.")
            .WithResponseExample(StatusCodes.Status200OK, new[] { ApiExamples.Shop });

        shops.MapGet("/{shopId}", GetShop)
            .WithName("GetShop")
            .WithSummary("A shop with its services and providers")
            .WithDescription("By id or by slug (\"barberpro-palermo\"). Lists active services and active providers with the services each one does, "
                + "and the shop's vocabulary: the words its vertical uses for the place, its providers, its services and its customers "
                + "(\"consultorio\", \"profesional\", \"sesión\", \"paciente\"), in the request's language (?culture=en for English). Anonymous.")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.ShopDetail);

        var owner = app.MapSignedInGroup("/api/v1/shops/{shopId}/closures", "Owner: shop closed days");

        owner.MapGet("/", ListClosures)
            .WithName("ListShopClosures")
            .WithSummary("The shop's upcoming closed days")
            .WithDescription("Dates (YYYY-MM-DD, shop calendar) from today on when the whole shop takes no bookings. Owner of the shop or admin.")
            .WithResponseExample(StatusCodes.Status200OK, new[] { ClosureExample });

        owner.MapPut("/{date}", CloseOn)
            .WithName("CloseShopOn")
            .WithSummary("Close the whole shop on a date")
            .WithDescription("Beats every provider's weekly hours and date overrides: no slots, bookings refused (slot.shop_closed). Setting a closed date again changes its note (at most 100 characters). Refused (422) for a past date or while a pending or confirmed booking is on that day.")
            .WithRequestExample(new ShopClosureRequest(ClosureExample.Note))
            .WithResponseExample(StatusCodes.Status200OK, ClosureExample);

        owner.MapDelete("/{date}", Reopen)
            .WithName("ReopenShopOn")
            .WithSummary("Open the shop again on a date")
            .WithDescription("Each provider's own hours apply again. 404 when the shop was not closed that day.");
        return app;
    }

    private static readonly ShopClosureResponse ClosureExample = new("2026-12-25", "Navidad");

    public static async Task<Ok<IReadOnlyList<ShopSummary>>> ListShops(IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ShopSummary>>(shops.Select(s => s.ToSummary()).ToList());
    }

    /// <param name="shopId">The shop's id (a GUID) or its slug.</param>
    public static async Task<Results<Ok<ShopDetail>, NotFoundProblem>> GetShop(string shopId, ShopDetailCache shops,
        Features.Verticals.IVerticalText words, CancellationToken ct)
    {
        var shop = await shops.GetAsync(shopId, ct);
        if (shop is null)
            return ApiProblems.NotFound("No encontramos ese local.");
        return TypedResults.Ok(shop.Detail with { Vocabulary = Features.Verticals.Vocabulary.Of(words.For(shop.Vertical)) });
    }

    public static async Task<Results<Ok<IReadOnlyList<ShopClosureResponse>>, NotFoundProblem>> ListClosures(
        Guid shopId, ClaimsPrincipal user, ShopSettingsService settings, CancellationToken ct)
    {
        var result = await ApiActors.FirstFoundAsync(user, actor => settings.UpcomingClosuresAsync(shopId, actor, ct), r => r.IsNotFound);
        return result is { Succeeded: true }
            ? TypedResults.Ok<IReadOnlyList<ShopClosureResponse>>(result.Value!.Closures.Select(ToResponse).ToList())
            : ApiProblems.NotFound(ShopNotFound);
    }

    /// <param name="date">YYYY-MM-DD in the shop's calendar.</param>
    public static async Task<Results<Ok<ShopClosureResponse>, NotFoundProblem, InvalidProblem>> CloseOn(
        Guid shopId, string date, ShopClosureRequest? request, ClaimsPrincipal user, ShopSettingsService settings, CancellationToken ct)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            return ApiProblems.Invalid(ApiMapping.BadDate("date"));
        var result = await ApiActors.FirstFoundAsync(user, actor => settings.CloseOnAsync(shopId, day, request?.Note, actor, ct), r => r.IsNotFound);
        return result switch
        {
            { Succeeded: true } => TypedResults.Ok(ToResponse(result.Value!)),
            { Error: { } error } => ApiProblems.Invalid(error),
            _ => ApiProblems.NotFound(ShopNotFound),
        };
    }

    public static async Task<Results<NoContent, NotFoundProblem, InvalidProblem>> Reopen(
        Guid shopId, string date, ClaimsPrincipal user, ShopSettingsService settings, CancellationToken ct)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            return ApiProblems.Invalid(ApiMapping.BadDate("date"));
        var result = await ApiActors.FirstFoundAsync(user, actor => settings.ReopenAsync(shopId, day, actor, ct), r => r.IsNotFound);
        return result switch
        {
            { Succeeded: true } => TypedResults.NoContent(),
            { Error: { } error } => ApiProblems.NotFound(error.Message),
            _ => ApiProblems.NotFound(ShopNotFound),
        };
    }

    private const string ShopNotFound = "No encontramos ese local, o no lo administrás.";

    private static ShopClosureResponse ToResponse(ShopClosure closure) => new(ApiTime.Out(closure.Date), closure.Note);
}

/// <summary>Closing the shop on a date: an optional note, e.g. "Navidad" (at most 100 characters).</summary>
public sealed record ShopClosureRequest(string? Note);

/// <summary>A date (YYYY-MM-DD, shop calendar) on which the whole shop is closed.</summary>
public sealed record ShopClosureResponse(string Date, string? Note);
