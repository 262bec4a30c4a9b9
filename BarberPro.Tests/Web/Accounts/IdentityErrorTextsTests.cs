using System.Globalization;
using BarberPro.Domain.Accounts;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>Identity's password rules as a person reads them, in Spanish and in English.</summary>
public sealed class IdentityErrorTextsTests : IDisposable
{
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly LocalizedIdentityErrorDescriber _describer = new();

    public void Dispose() => CultureInfo.CurrentUICulture = _uiCulture;

    [Theory]
    [InlineData("es-AR", 1, "La contraseña no puede estar vacía.")]
    [InlineData("es-AR", 3, "La contraseña debe tener al menos 3 caracteres distintos.")]
    [InlineData("en", 1, "The password can't be empty.")]
    [InlineData("en", 3, "The password must use at least 3 different characters.")]
    public void UniqueChars_ReadsNaturally_InSingularAndPlural(string culture, int count, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected, _describer.PasswordRequiresUniqueChars(count).Description);
    }

    [Theory]
    [InlineData("es-AR", 1, "La contraseña debe tener al menos 1 carácter.")]
    [InlineData("es-AR", 8, "La contraseña debe tener al menos 8 caracteres.")]
    [InlineData("en", 1, "The password must be at least 1 character long.")]
    [InlineData("en", 8, "The password must be at least 8 characters long.")]
    public void TooShort_ReadsNaturally_InSingularAndPlural(string culture, int length, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected, _describer.PasswordTooShort(length).Description);
    }

    [Fact]
    public void EveryMessage_HasASpanishAndAnEnglishText()
    {
        foreach (var culture in new[] { "es-AR", "en" })
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var errors = new[]
            {
                _describer.DefaultError(), _describer.DuplicateEmail("a@b.com"), _describer.DuplicateUserName("a"), _describer.InvalidEmail("a"),
                _describer.InvalidUserName("a"), _describer.PasswordMismatch(), _describer.PasswordRequiresNonAlphanumeric(), _describer.PasswordRequiresDigit(),
                _describer.PasswordRequiresLower(), _describer.PasswordRequiresUpper(), _describer.UserAlreadyInRole("Owner"), _describer.UserNotInRole("Owner"),
                _describer.UserLockoutNotEnabled(), _describer.ConcurrencyFailure(),
            };
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Description)));
            Assert.Equal(culture == "en", errors.All(e => !e.Description.Contains("á") && !e.Description.Contains("ñ") && !e.Description.StartsWith("El ") && !e.Description.StartsWith("La ")));
        }
    }
}
