using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Web.Features.Profile;

/// <summary>The signed-in person's profile.</summary>
public sealed record MeResponse(string UserId, string FullName, string Email, bool EmailConfirmed, string Phone, IReadOnlyList<string> Roles);

/// <summary>A profile change: every field is required (send the current value to keep it). <c>phone</c> may be empty for staff.</summary>
public sealed record MeRequest(string? FullName, string? Phone, string? Email);

/// <summary>A password change.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>An account deletion: the password again.</summary>
public sealed record AccountDeletionRequest(string? Password);

/// <summary>What a deletion did, in counts.</summary>
public sealed record AccountDeletionResponse(int PastBookingsAnonymized, int FutureBookingsCancelled, int WaitlistEntriesLeft);

/// <summary>
/// <c>/api/v1/me</c>: the caller's own profile, password, data export and account deletion, through
/// <see cref="AccountProfile"/> and <see cref="DataRights"/>. The user is always the token's: there is no id to guess.
/// </summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapSignedInGroup("/api/v1/me", "My profile and my data");

        me.MapGet("/", GetMe).WithName("GetMe").WithSummary("My profile")
            .WithDescription("The caller's name, email (and whether it is confirmed), phone (E.164) and roles.")
            .WithResponseExample(StatusCodes.Status200OK, MeApiExamples.Me);
        me.MapPut("/", PutMe).WithName("PutMe").WithSummary("Change my profile")
            .WithDescription("Name (2 to 120 characters), phone (an Argentine mobile, stored as +549…; required of customers, optional for staff) and email. A new email must not belong to another account (422 `account.email_taken`); it is unconfirmed until the link we email to it is opened (`emailConfirmed: false`). 422 with the failing fields and nothing changes.")
            .WithRequestExample(MeApiExamples.Change)
            .WithResponseExample(StatusCodes.Status200OK, MeApiExamples.Me)
            .WithApiRateLimit(ApiRateLimits.AccountPolicy);
        me.MapPost("/password", ChangePassword).WithName("ChangeMyPassword").WithSummary("Change my password")
            .WithDescription("The current password and a new one that follows the password rules. 204 when changed: every other session and refresh token ends (the token of this call too: sign in again). 422 `account.wrong_password` or the rules the new one breaks, and nothing changes.")
            .WithRequestExample(MeApiExamples.Password)
            .WithApiRateLimit(ApiRateLimits.AccountPolicy);
        me.MapGet("/data", GetMyData).WithName("GetMyData").WithSummary("Everything we hold about me (Ley 25.326)")
            .WithDescription("Customers only: the account, the customer record, each shop's record of them (patient details they gave), every booking with its history, series, waitlist entries, messages sent to them and app sessions. Logged (without personal data). 404 for an account without a customer record.")
            .WithResponseExample(StatusCodes.Status200OK, MeApiExamples.Data);
        me.MapPost("/deletion", DeleteMe).WithName("DeleteMe").WithSummary("Delete my account (Ley 25.326)")
            .WithDescription("Customers only, with the password again. Past bookings stay as the shops' anonymous history (\"Cliente eliminado\", no phone or email); future bookings are cancelled (the shop is told), waitlist entries left, messages scrubbed, the account deleted and every token revoked. 422 `account.wrong_password`; 403 `account.staff_delete` for staff accounts. If the database is busy half-way (503), calling again with the same password finishes it.")
            .WithRequestExample(MeApiExamples.Deletion)
            .WithResponseExample(StatusCodes.Status200OK, MeApiExamples.Deleted)
            .WithApiRateLimit(ApiRateLimits.AccountPolicy);
        return app;
    }

    public static async Task<Results<Ok<MeResponse>, NotFoundProblem>> GetMe(ClaimsPrincipal user, AccountProfile profiles, CancellationToken ct) =>
        ApiActors.UserId(user) is { } userId && await profiles.GetAsync(userId, ct) is { } profile
            ? TypedResults.Ok(ToResponse(profile))
            : ApiProblems.NotFound();

    public static async Task<Results<Ok<MeResponse>, NotFoundProblem, InvalidProblem>> PutMe(MeRequest request, ClaimsPrincipal user, HttpRequest http,
        AccountProfile profiles, UserManager<AppUser> users, IEmailSender<AppUser> emails, IConfiguration configuration, CancellationToken ct)
    {
        if (ApiActors.UserId(user) is not { } userId || await profiles.GetAsync(userId, ct) is not { } before)
            return ApiProblems.NotFound();
        var errors = AccountProfile.FieldErrors(new(request.FullName, request.Phone, request.Email), phoneRequired: before.IsCustomer);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var result = await profiles.UpdateAsync(userId, new(request.FullName, request.Phone, request.Email), ct);
        if (result.IsNotFound)
            return ApiProblems.NotFound();
        if (result.Error is { } error)
            return ApiProblems.Invalid(error);
        if (result.Value!.EmailChanged)
            await ProfileEmails.SendConfirmationAsync(users, emails, configuration, $"{http.Scheme}://{http.Host}{http.PathBase}/", userId);
        return TypedResults.Ok(ToResponse(result.Value.Profile));
    }

    public static async Task<Results<NoContent, NotFoundProblem, InvalidProblem>> ChangePassword(PasswordChangeRequest request, ClaimsPrincipal user,
        AccountProfile profiles, CancellationToken ct)
    {
        if (ApiActors.UserId(user) is not { } userId)
            return ApiProblems.NotFound();
        var result = await profiles.ChangePasswordAsync(userId, request.CurrentPassword, request.NewPassword, ct);
        return result switch
        {
            { Succeeded: true } => TypedResults.NoContent(),
            { Error: { } error } => ApiProblems.Invalid(error),
            _ => ApiProblems.NotFound(),
        };
    }

    public static async Task<Results<Ok<MyDataExport>, NotFoundProblem>> GetMyData(ClaimsPrincipal user, DataRights rights, CancellationToken ct)
    {
        if (ApiActors.UserId(user) is not { } userId)
            return ApiProblems.NotFound();
        var result = await rights.ExportAsync(userId, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.NotFound("Tu cuenta no tiene datos de cliente.");
    }

    public static async Task<Results<Ok<AccountDeletionResponse>, NotFoundProblem, InvalidProblem, ForbiddenProblem>> DeleteMe(
        AccountDeletionRequest request, ClaimsPrincipal user, DataRights rights, CancellationToken ct)
    {
        if (ApiActors.UserId(user) is not { } userId)
            return ApiProblems.NotFound();
        var result = await rights.DeleteAccountAsync(userId, request.Password, ct);
        return result switch
        {
            { Succeeded: true, Value: var done } => TypedResults.Ok(new AccountDeletionResponse(done!.PastBookingsAnonymized, done.FutureBookingsCancelled, done.WaitlistEntriesLeft)),
            { Error: { Code: var code } error } when code == DataRights.StaffCannotDelete.Code => ApiProblems.Forbidden(error),
            { Error: { } error } => ApiProblems.Invalid(error),
            _ => ApiProblems.NotFound(),
        };
    }

    private static MeResponse ToResponse(ProfileView p) => new(p.UserId, p.FullName, p.Email, p.EmailConfirmed, p.Phone, p.Roles);
}

/// <summary>A changed email is confirmed as at sign-up: a link to it, through the notifications outbox.</summary>
public static class ProfileEmails
{
    public static async Task SendConfirmationAsync(UserManager<AppUser> users, IEmailSender<AppUser> emails, IConfiguration configuration, string baseUri, string userId)
    {
        if (await users.FindByIdAsync(userId) is not { Email: { } email } user)
            return;
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendConfirmationLinkAsync(user, email, Accounts.AccountEmails.ConfirmLink(configuration, baseUri, user.Id, token));
    }
}

/// <summary>/api/v1/me's examples in the OpenAPI document and at /docs.</summary>
public static class MeApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(-3));

    public static readonly MeResponse Me = new("5f0c1e9a-7a43-4a3b-9a43-2f1d3c4b5a6e", "Ana Suárez", "ana@example.com", true, "+5491144445555", ["Customer"]);
    public static readonly MeRequest Change = new("Ana Suárez", "11 4444-5555", "ana@example.com");
    public static readonly PasswordChangeRequest Password = new("Corte-2026", "Barba-2027");
    public static readonly AccountDeletionRequest Deletion = new("Corte-2026");
    public static readonly AccountDeletionResponse Deleted = new(12, 1, 0);

    public static readonly MyDataExport Data = new(At,
        new MyAccountData(Me.UserId, "Ana Suárez", "ana@example.com", true, "+5491144445555", ["Customer"], false),
        [new MyCustomerData(ApiExamples.BookingId, "Ana Suárez", "+5491144445555", "ana@example.com", "WhatsApp, Email", false)],
        [new MyShopRecordData(ApiExamples.BookingId, "BarberPro Palermo", At.AddMonths(-3), null, null, false)],
        [new MyBookingData(ApiExamples.BookingId, "BarberPro Palermo", "Diego", "Corte", At, At.AddMinutes(30), "Confirmed", 10500m, "ARS", "Degradé bajo",
            At.AddDays(-2), null, null, false, null, null, [new MyBookingChangeData(At.AddDays(-2), null, "Pending", null, "Customer", null, null)])],
        [], [], [new MyNotificationData("BookingConfirmed", "WhatsApp", "+5491144445555", null, "Hola Ana, tu turno en BarberPro Palermo…", "Sent", At.AddDays(-2), At.AddDays(-2))],
        [new MySessionData(At.AddDays(-5), At.AddDays(25), null, null)], []);
}
