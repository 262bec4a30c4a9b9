using Microsoft.AspNetCore.Identity;

namespace BarberPro.Domain.Accounts;

/// <summary>
/// A new account's password, checked and hashed before the account's transaction begins. Identity's hash (PBKDF2) costs
/// tens of milliseconds of CPU; <c>UserManager.CreateAsync(user, password)</c> inside a transaction would spend them
/// holding SQLite's one writer, stopping every booking of every shop meanwhile. The account is then created with
/// <c>CreateAsync(user)</c>, which keeps the hash set here.
/// </summary>
internal static class NewAccountPassword
{
    /// <summary>What Identity's password validators (length, character classes) say of <paramref name="password"/>: empty when it is good.</summary>
    public static async Task<IReadOnlyList<IdentityError>> ProblemsAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        return problems;
    }

    /// <summary>Sets the user's password hash; call it before the transaction that creates the account.</summary>
    public static void Hash(UserManager<AppUser> users, AppUser user, string password) =>
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
}
