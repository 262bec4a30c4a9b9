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
            .WithDescription("Exchanges an email and password for an access token (a JWT to send as 'Authorization: Bearer <token>', good for 15 minutes) and a refresh token (good for 30 days, once: see POST /auth/refresh). Five wrong passwords lock the account for 15 minutes (code auth.locked_out); an account an admin suspended answers auth.account_suspended. Staff with two-factor sign-in on also send 'code' (6 digits from the authenticator app, or a recovery code, good once): without it the answer is 401 with code auth.two_factor_required, a wrong one 401 auth.two_factor_invalid; staff who must use two-factor and have not set it up get 403 auth.two_factor_enrolment_required. Limited per IP and per email (429 with Retry-After).")
            .WithApiRateLimit(ApiRateLimits.TokenPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.TokenRequest)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Token)
            .WithResponseExample(StatusCodes.Status401Unauthorized, ApiExamples.BadCredentials);

        auth.MapPost("/refresh", Refresh)
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for a new pair")
            .WithDescription("Returns a new access token and a new refresh token; the one sent stops working. Sending a refresh token that was already used revokes every token of that sign-in (someone may have copied it). Refused (401, auth.invalid_refresh_token) after the account's password or roles change or it is deleted, and with auth.account_suspended when an admin suspended it: sign in again with POST /auth/token.")
            .WithApiRateLimit(ApiRateLimits.TokenPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.Refresh)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Token)
            .WithResponseExample(StatusCodes.Status401Unauthorized, ApiExamples.RefreshRefused);

        auth.MapPost("/revoke", Revoke)
            .WithName("Revoke")
            .WithSummary("Sign out a device")
            .WithDescription("Revokes the refresh token sent and every other token of the same sign-in. Always 204, also for an unknown token. The access token already issued stays good until it expires (at most 15 minutes): discard it.")
            .WithApiRateLimit(ApiRateLimits.TokenPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.Refresh);
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

    /// <summary>What the API answers for an account an admin suspended (the web form shows the resx text Login.Suspended).</summary>
    public const string SuspendedText = "Tu cuenta está suspendida. Comunicate con el local.";

    public static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem, ForbiddenProblem, InvalidProblem, TooManyRequests>> Token(
        TokenRequest request, UserManager<AppUser> users, CredentialCheck credentials, ApiTokenIssuer tokens, TwoFactorSignInCheck twoFactor,
        RefreshTokens refreshTokens, CancellationToken ct)
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
        if (check.Outcome == CredentialOutcome.Suspended)
            return Suspended();
        if (check.Outcome == CredentialOutcome.LockedOut)
            return ApiProblems.Unauthorized("La cuenta está bloqueada por demasiados intentos fallidos. Probá de nuevo en 15 minutos.", "auth.locked_out");
        if (check.User is not { } user)
            return BadCredentials();
        var secondFactor = await twoFactor.CheckAsync(user, request.Code);
        if (TwoFactorApiProblems.Unauthorized(secondFactor) is { } noCode)
            return noCode;
        if (TwoFactorApiProblems.Forbidden(secondFactor) is { } mustEnrol)
            return mustEnrol;

        return TypedResults.Ok(await PairAsync(user, await refreshTokens.IssueAsync(user, ct), users, tokens));
    }

    public static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem, InvalidProblem>> Refresh(
        RefreshRequest request, RefreshTokens refreshTokens, UserManager<AppUser> users, ApiTokenIssuer tokens, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return ApiProblems.Invalid([new("auth.refresh_token_required", "Mandá el refresh token que recibiste al ingresar.", "RefreshToken")]);
        var result = await refreshTokens.RedeemAsync(request.RefreshToken.Trim(), ct);
        return result switch
        {
            { User: { } user, Token: { } next } => TypedResults.Ok(await PairAsync(user, next, users, tokens)),
            { Refusal: RefreshRefusal.Suspended } => Suspended(),
            _ => ApiProblems.Unauthorized("La sesión venció o fue cerrada. Ingresá de nuevo con tu email y contraseña.", "auth.invalid_refresh_token"),
        };
    }

    public static async Task<NoContent> Revoke(RefreshRequest request, RefreshTokens refreshTokens, CancellationToken ct)
    {
        await refreshTokens.RevokeAsync(request.RefreshToken?.Trim(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<TokenResponse> PairAsync(AppUser user, IssuedRefreshToken refresh, UserManager<AppUser> users, ApiTokenIssuer tokens)
    {
        var roles = await users.GetRolesAsync(user);
        var (token, expires) = tokens.Issue(user, roles);
        return new TokenResponse(token, "Bearer", ApiTime.Out(NodaTime.Instant.FromDateTimeOffset(expires), ApiTime.DefaultZone), user.Id, roles.ToList(),
            refresh.Text, ApiTime.Out(refresh.ExpiresAt, ApiTime.DefaultZone));
    }

    private static UnauthorizedProblem Suspended() => ApiProblems.Unauthorized(SuspendedText, "auth.account_suspended");

    private static UnauthorizedProblem BadCredentials() =>
        ApiProblems.Unauthorized("El email o la contraseña no son correctos.", "auth.invalid_credentials");
}
