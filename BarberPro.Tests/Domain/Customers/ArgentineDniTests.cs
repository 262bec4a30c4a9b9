using BarberPro.Domain.Customers;

namespace BarberPro.Tests.Domain.Customers;

/// <summary>A DNI as Argentines write it: 7 or 8 digits, dots, spaces or hyphens between them; shown as "30.123.456".</summary>
public sealed class ArgentineDniTests
{
    [Theory]
    [InlineData("30.123.456", "30123456", "30.123.456")]
    [InlineData("30123456", "30123456", "30.123.456")]
    [InlineData(" 30 123 456 ", "30123456", "30.123.456")]
    [InlineData("30-123-456", "30123456", "30.123.456")]
    [InlineData("7123456", "7123456", "7.123.456")]
    [InlineData("7.123.456", "7123456", "7.123.456")]
    [InlineData("99.999.999", "99999999", "99.999.999")]
    public void TryParse_ReadsTheDigits_AndShowsThemWithDots(string typed, string digits, string shown)
    {
        var dni = ArgentineDni.TryParse(typed);

        Assert.NotNull(dni);
        Assert.Equal(digits, dni.Value.Digits);
        Assert.Equal(shown, dni.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("30.12A.456")]      // letters
    [InlineData("DNI 30123456")]
    [InlineData("M7123456")]
    [InlineData("123456")]          // 6 digits
    [InlineData("123.456")]
    [InlineData("123456789")]       // 9 digits
    [InlineData("301.234.567")]
    [InlineData("01234567")]        // a leading zero: below 1.000.000
    [InlineData("0.123.456")]
    [InlineData("30/123/456")]
    [InlineData("30,123,456")]
    public void TryParse_RefusesWhatIsNotADni(string? typed) => Assert.Null(ArgentineDni.TryParse(typed));
}
