using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Accounts;

/// <summary>What a person types to open a customer account.</summary>
public sealed record CustomerSignUp(string FullName, string Email, string Phone, string Password);

/// <summary>
/// Opens customer accounts: the Identity user, its Customer role and its <see cref="Customer"/> record are written
/// in one transaction, so there is never an account without a customer or the other way round. The web form and
/// the API both call this.
/// </summary>
/// <param name="db">The request's context, the same one Identity's stores use.</param>
public sealed class CustomerRegistration(UserManager<AppUser> users, BarberProDbContext db)
{
    /// <summary>The code of the error for an email that already has an account (the sign-up page offers to sign in).</summary>
    public const string EmailTakenCode = "account.email_taken";

    /// <summary>
    /// Creates the account, or returns the field errors and writes nothing: at most one per field, except a typed but
    /// weak password, which gets one per rule it breaks. Messages are Spanish, except the password rules, which come
    /// from Identity's error describer in the current UI language (<see cref="LocalizedIdentityErrorDescriber"/>).
    /// </summary>
    public async Task<(AppUser? User, IReadOnlyList<DomainError> Errors)> RegisterAsync(CustomerSignUp signUp, CancellationToken ct = default)
    {
        var errors = new List<DomainError>();
        var fullName = "";
        try
        {
            fullName = Customer.CleanFullName(signUp.FullName);
        }
        catch (DomainException e)
        {
            errors.Add(e.Error);
        }
        var email = signUp.Email?.Trim() ?? "";
        if (!IsEmail(email))
            errors.Add(new("account.email", "Ingresá un email válido, por ejemplo nombre@correo.com.", "Email"));
        else if (await users.FindByEmailAsync(email) is not null)
            errors.Add(new(EmailTakenCode, "Ya existe una cuenta con ese email.", "Email"));
        if (!ArgentinePhone.TryNormalize(signUp.Phone, out var phone, out var phoneError))
            errors.Add(phoneError!);

        var user = new AppUser { UserName = email, Email = email, FullName = fullName, PhoneNumber = phone };
        if (string.IsNullOrEmpty(signUp.Password))
        {
            errors.Add(new("account.password_required", "Ingresá una contraseña.", "Password"));
        }
        else
        {
            errors.AddRange((await NewAccountPassword.ProblemsAsync(users, user, signUp.Password))
                .Select(e => new DomainError("account.password", e.Description, "Password")));
        }
        if (errors.Count > 0)
            return (null, errors);
        NewAccountPassword.Hash(users, user, signUp.Password!);

        // Under the provider's execution strategy (Database:MaxRetryCount on PostgreSQL and SQL Server refuses a
        // transaction begun outside it); a retry starts over with nothing tracked.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<(AppUser? User, IReadOnlyList<DomainError> Errors)> (CancellationToken ct) =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                return (null, created.Errors.Select(ToError).ToList());
            var role = await users.AddToRoleAsync(user, Roles.Customer);
            if (!role.Succeeded)
                return (null, role.Errors.Select(ToError).ToList());
            db.Customers.Add(new Customer(fullName, phone, email, user.Id));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (user, []);
        }, ct);
    }

    private static DomainError ToError(IdentityError e) =>
        new("account." + e.Code, e.Description, e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email");

    internal static bool IsEmail(string email) =>
        email.Length is > 3 and <= 256 && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.');
}
