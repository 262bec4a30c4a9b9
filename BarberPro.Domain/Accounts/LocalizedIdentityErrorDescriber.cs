using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Domain.Accounts;

/// <summary>
/// Identity's validation messages in the request's UI language: es-AR by default (IdentityErrorTexts.resx),
/// English from IdentityErrorTexts.en.resx. Counts read naturally: "1 carácter", "8 caracteres".
/// </summary>
public sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    private static readonly ResourceManager Texts = new("BarberPro.Domain.Accounts.IdentityErrorTexts", typeof(LocalizedIdentityErrorDescriber).Assembly);

    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError PasswordTooShort(int length) => Counted(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Counted(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), role);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));

    /// <summary>The text for <paramref name="code"/> in the current UI culture, with its arguments.</summary>
    private static IdentityError Error(string code, params object?[] args) => new() { Code = code, Description = Format(code, args) };

    /// <summary>A text with a count: "{code}.One" for 1, "{code}.Other" otherwise.</summary>
    private static IdentityError Counted(string code, int count) =>
        new() { Code = code, Description = Format(code + (count == 1 ? ".One" : ".Other"), count) };

    private static string Format(string name, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Texts.GetString(name, culture) ?? throw new InvalidOperationException($"No text for {name}.");
        return string.Format(culture, text, args);
    }
}
