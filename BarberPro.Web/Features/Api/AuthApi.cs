using BarberPro.Domain.Accounts;
using BarberPro.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Web.Features.Api;

/// <summary>Customer sign-up and access tokens. The same Identity accounts, password rules and lockout as the web sign-in.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").ProducesProblem(StatusCodes.Status400BadRequest);

        auth.MapPost("/register", Register)
            .WithName("Register")
            .WithApiRateLimit(ApiRateLimits.RegisterPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Open a customer account")
            .WithDescription("Creates the account, its Customer role and its customer record in one transaction. Phones are Argentine mobiles in any usual form (\"11 2345-6789\", \"+54 9 11 2345-6789\"); the password needs 8+ characters with an upper-case letter, a lower-case letter and a digit.")
            .WithRequestExample(ApiExamples.Register)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.Account)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.RegisterInvalid);

        auth.MapPost("/token", Token)
            .WithName("Token")
            .WithSummary("Get an access token")
            .WithDescription("Exchanges an email and password for a JWT to send as 'Authorization: Bearer <token>'. Five wrong passwords lock the account for 15 minutes (code auth.locked_out). Staff with two-factor sign-in on also send 'code' (6 digits from the authenticator app, or a recovery code, good once): without it the answer is 401 with code auth.two_factor_required, a wrong one 401 auth.two_factor_invalid; staff who must use two-factor and have not set it up get 403 auth.two_factor_enrolment_required. Limited per IP and per email (429 with Retry-After).")
            .WithApiRateLimit(ApiRateLimits.TokenPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.TokenRequest)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Token)
            .WithResponseExample(StatusCodes.Status401Unauthorized, ApiExamples.BadCredentials);
        return app;
    }

    public static async Task<Results<Created<AccountResponse>, InvalidProblem>> Register(
        RegisterRequest request, CustomerRegistration registration, UserManager<AppUser> users, CancellationToken ct)
    {
        var (user, errors) = await registration.RegisterAsync(
            new CustomerSignUp(request.FullName ?? "", request.Email ?? "", request.Phone ?? "", request.Password ?? ""), ct);
        if (user is null)
            return ApiProblems.Invalid(errors);
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Created((string?)null, new AccountResponse(user.Id, user.Email!, user.FullName, user.PhoneNumber ?? "", roles.ToList()));
    }

    public static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem, ForbiddenProblem, InvalidProblem, TooManyRequests>> Token(
        TokenRequest request, UserManager<AppUser> users, CredentialCheck credentials, ApiTokenIssuer tokens, TwoFactorSignInCheck twoFactor)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var missing = new List<BarberPro.Domain.Common.DomainError>();
            if (string.IsNullOrWhiteSpace(request.Email))
                missing.Add(new("auth.email_required", "Ingresá tu email.", "Email"));
            if (string.IsNullOrEmpty(request.Password))
                missing.Add(new("auth.password_required", "Ingresá tu contraseña.", "Password"));
            return ApiProblems.Invalid(missing);
        }
        var check = await credentials.CheckAsync(request.Email, request.Password);
        if (check.Outcome == CredentialOutcome.LockedOut)
            return ApiProblems.Unauthorized("La cuenta está bloqueada por demasiados intentos fallidos. Probá de nuevo en 15 minutos.", "auth.locked_out");
        if (check.User is not { } user)
            return BadCredentials();
        var secondFactor = await twoFactor.CheckAsync(user, request.Code);
        if (TwoFactorApiProblems.Unauthorized(secondFactor) is { } noCode)
            return noCode;
        if (TwoFactorApiProblems.Forbidden(secondFactor) is { } mustEnrol)
            return mustEnrol;

        var roles = await users.GetRolesAsync(user);
        var (token, expires) = tokens.Issue(user, roles);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", ApiTime.Out(NodaTime.Instant.FromDateTimeOffset(expires), ApiTime.DefaultZone), user.Id, roles.ToList()));
    }

    private static UnauthorizedProblem BadCredentials() =>
        ApiProblems.Unauthorized("El email o la contraseña no son correctos.", "auth.invalid_credentials");
}
