using BarberPro.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Web.Features.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a POST with an anti-forgery token from the layout's form).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/cuenta/salir", async ([FromServices] SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        });
        return endpoints;
    }
}
