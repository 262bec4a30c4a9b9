using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Shops;
using BarberPro.Web.Features.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Web.Features.Api;

/// <summary>Admins open shops (<see cref="ShopAdministration"/> through <see cref="ShopOpening"/>): anyone else gets 403 and nothing changes.</summary>
public static class ShopAdminApi
{
    public static IEndpointRouteBuilder MapShopAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapSignedInGroup("/api/v1/shops", "Admin: shops");

        admin.MapPost("/", CreateShop)
            .WithName("CreateShop")
            .WithSummary("Open a shop and give it to its owner")
            .WithDescription("Admin only (403 for anyone else). The shop starts with its vertical's booking policy and services " +
                "(barber: haircut and beard; psychologist: 50-minute sessions, 48 h to cancel; doctor: 20-minute consultations, patient details asked). " +
                "slug may be left out: it is made from the name; a slug in use is 422 shop.slug_taken. The owner is the account with ownerEmail " +
                "(given the Owner role when they lack it) or, when there is none, a new account without a password: they get an email with a link " +
                "to choose one (ownerInvited: true).")
            .WithRequestExample(Example)
            .WithResponseExample(StatusCodes.Status201Created, new CreatedShopResponse(
                ApiExamples.Shop with { Name = "Consultorio Belgrano", Slug = "consultorio-belgrano", Vertical = "psychologist", Phone = "+54 11 4780-1234" },
                "7c0f6c1e-9e8a-4f7b-9d51-2b8e1a3f4c55", true, 2))
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static readonly CreateShopRequest Example = new("Consultorio Belgrano", "consultorio-belgrano", Vertical.Psychologist,
        "Av. Cabildo 1234, CABA", "+54 11 4780-1234", "laura@example.com", "Laura Pérez");

    public static async Task<Results<Created<CreatedShopResponse>, InvalidProblem, ForbiddenProblem>> CreateShop(
        CreateShopRequest request, ClaimsPrincipal user, HttpRequest http, ShopOpening opening, CancellationToken ct)
    {
        var actors = ApiActors.All(user);
        var actor = actors.FirstOrDefault(a => a.Role == ActorRole.Admin) ?? actors.FirstOrDefault() ?? Actor.Customer("");
        var input = new NewShop(request.Name ?? "", string.IsNullOrWhiteSpace(request.Slug) ? ShopAdministration.SuggestSlug(request.Name) : request.Slug,
            request.Vertical ?? Vertical.Barber, request.Address, request.Phone, request.OwnerEmail ?? "", request.OwnerName);
        var result = await opening.CreateAsync(input, actor, $"{http.Scheme}://{http.Host}{http.PathBase}/", ct);
        if (result is { Succeeded: true, Value: { } created })
        {
            var services = VerticalProfile.For(created.Shop.Vertical).Services.Count;
            return TypedResults.Created($"/api/v1/shops/{created.Shop.Id}",
                new CreatedShopResponse(created.Shop.ToSummary(), created.Owner.Id, created.Invited, services));
        }
        return result.Error is { Code: ShopAdministration.AdminOnlyCode } forbidden
            ? ApiProblems.Forbidden(forbidden)
            : ApiProblems.Invalid(result.Error!);
    }
}

/// <summary>An admin's new shop. <c>vertical</c>: barber (default), psychologist or doctor.</summary>
public sealed record CreateShopRequest(string? Name, string? Slug, Vertical? Vertical, string? Address, string? Phone, string? OwnerEmail, string? OwnerName);

/// <param name="ServiceCount">How many services the shop starts with (its vertical's).</param>
public sealed record CreatedShopResponse(ShopSummary Shop, string OwnerUserId, bool OwnerInvited, int ServiceCount);
