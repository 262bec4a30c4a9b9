using System.Globalization;
using BarberPro.Domain.Common;

namespace BarberPro.Tests.Domain.Common;

/// <summary>Pesos and whole numbers as Argentines type and read them, whatever the UI language.</summary>
public sealed class ArsTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    public static TheoryData<string, string, decimal> Amounts => new()
    {
        { "es-AR", "10.500", 10500m },
        { "es-AR", "10500", 10500m },
        { "es-AR", "10.500,50", 10500.50m },
        { "es-AR", "10500,5", 10500.5m },
        { "es-AR", "$10.500", 10500m },
        { "es-AR", "$ 10.500", 10500m },
        { "es-AR", " $\u00a010.500 ", 10500m },
        { "es-AR", "ARS 10.500", 10500m },
        { "es-AR", "1.000.000", 1000000m },
        { "es-AR", "0", 0m },
        { "es-AR", "0,99", 0.99m },
        { "es-AR", "999", 999m },
        { "en", "10.500", 10500m },
        { "en", "10500", 10500m },
        { "en", "10.500,50", 10500.50m },
        { "en", "$10.500", 10500m },
        { "en-US", "$ 10.500", 10500m },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Parse_TheArgentineWay_InAnyCulture(string culture, string typed, decimal expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.True(Ars.TryParse(typed, out var value, out var error), error?.ToString());
        Assert.Equal(expected, value.Amount);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("10.50")]      // a dot groups thousands: "10.50" is neither 10,50 nor 10.500
    [InlineData("10,500")]     // three decimals: an English "10,500" must not become 10,50
    [InlineData("10,505")]
    [InlineData("1.0000")]
    [InlineData("10..500")]
    [InlineData(".500")]
    [InlineData("10.")]
    [InlineData("10,")]
    [InlineData("10,5,0")]
    [InlineData("-10.500")]
    [InlineData("diez mil")]
    [InlineData("10 500")]
    [InlineData("1e5")]
    [InlineData("$")]
    [InlineData("9999999999999999")]
    public void Parse_AmbiguousOrGarbage_IsRefusedWithACode(string typed)
    {
        Assert.False(Ars.TryParse(typed, out _, out var error, "Price"));
        Assert.Equal(typed == "$" ? "money.required" : "money.invalid", error!.Code);
        Assert.Equal("Price", error.Field);
        Assert.Throws<DomainException>(() => Ars.Parse(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_AsksForAnAmount(string? typed)
    {
        Assert.False(Ars.TryParse(typed, out _, out var error));
        Assert.Equal("money.required", error!.Code);
    }

    [Theory]
    [InlineData("es-AR")]
    [InlineData("en")]
    public void Format_PesosTheArgentineWay_InAnyCulture(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal("$ 10.500", Ars.Format(10500m));
        Assert.Equal("$ 10.500,50", Ars.Format(10500.5m));
        Assert.Equal("$ 9.000", Ars.Format(9000.0m)); // SQLite hands back "9000.0"
        Assert.Equal("$ 0", Ars.Format(0m));
        Assert.Equal("$ 0,99", Ars.Format(0.99m));
        Assert.Equal("$ 1.000.000", Ars.Format(1_000_000m));
        Assert.Equal("-$ 1.000", Ars.Format(-1000m));
        Assert.Equal("9.000", new Ars(9000.0m).ToInput());
        Assert.Equal("10.500,50", new Ars(10500.50m).ToInput());
    }

    [Theory]
    [InlineData("10.500")]
    [InlineData("10.500,50")]
    [InlineData("0,05")]
    [InlineData("1.234.567,89")]
    public void FormatThenParse_RoundTrips(string text)
    {
        var value = Ars.Parse(text);
        Assert.Equal(text, value.ToInput());
        Assert.Equal(value, Ars.Parse(value.ToString()));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData(" 1.440 ", 1440)]
    [InlineData("1440", 1440)]
    [InlineData("0", 0)]
    [InlineData("-5", -5)]
    public void ParseWhole_Accepts(string typed, int expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        Assert.True(ArgentineNumber.TryParseWhole(typed, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5", "number.invalid")]
    [InlineData("1.5", "number.invalid")]
    [InlineData("treinta", "number.invalid")]
    [InlineData("9999999999", "number.invalid")]
    [InlineData("", "number.required")]
    public void ParseWhole_Refuses(string typed, string code)
    {
        Assert.False(ArgentineNumber.TryParseWhole(typed, out _, out var error, "Duration"));
        Assert.Equal(code, error!.Code);
        Assert.Equal("Duration", error.Field);
    }

    [Fact]
    public void FormatWhole_GroupsThousandsWithDots()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("1.440", ArgentineNumber.FormatWhole(1440));
        Assert.Equal("30", ArgentineNumber.FormatWhole(30));
    }
}
