using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;

namespace BarberPro.Tests.Domain.Customers;

public sealed class ArgentinePhoneTests
{
    [Theory]
    [InlineData("11 2345-6789")]
    [InlineData("+54 9 11 2345-6789")]
    [InlineData("011 15-2345-6789")]
    [InlineData("5491123456789")]
    [InlineData("+54 11 2345-6789")]
    [InlineData("  11 2345-6789  ")]
    [InlineData("(011) 15 2345 6789")]
    [InlineData("54 9 11 2345 6789")]
    public void TryNormalize_BuenosAiresNumberAsPeopleTypeIt_GivesE164Mobile(string input)
    {
        Assert.True(ArgentinePhone.TryNormalize(input, out var e164, out var error), error?.Message);
        Assert.Null(error);
        Assert.Equal("+5491123456789", e164);
    }

    // Córdoba (area 351) local numbers do not begin with 1 (the numbering plan keeps 1 for special services and
    // the 15 mobile mark), so "351 123-4567" is not a real number; these use an assigned range (351 4xx).
    [Theory]
    [InlineData("0351 15-423-4567")]
    [InlineData("351 423-4567")]
    [InlineData("+54 9 351 423-4567")]
    [InlineData("+54 351 423-4567")]
    [InlineData("(0351) 423 4567")]
    public void TryNormalize_CordobaNumber_GivesE164Mobile(string input)
    {
        Assert.True(ArgentinePhone.TryNormalize(input, out var e164, out var error), error?.Message);
        Assert.Equal("+5493514234567", e164);
    }

    [Theory]
    [InlineData("0351 15-123-4567")]
    [InlineData("351 123-4567")]
    public void TryNormalize_CordobaNumberInUnassignedRange_IsRefused(string input)
    {
        Assert.False(ArgentinePhone.TryNormalize(input, out _, out var error));
        Assert.Equal("phone.invalid", error!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("once dos tres")]
    [InlineData("11 2345-678A")]
    [InlineData("1234")]
    [InlineData("11 2345-6789 0123 4567")]
    [InlineData("+54 9 11 2345-67890")]
    public void TryNormalize_InvalidInput_IsRefusedWithSpanishMessage(string? input)
    {
        Assert.False(ArgentinePhone.TryNormalize(input, out var e164, out var error));
        Assert.Equal("", e164);
        Assert.NotNull(error);
        Assert.Equal("phone.invalid", error.Code);
        Assert.Equal("Phone", error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Matches("número|teléfono|Ingresá", error.Message);
    }

    [Fact]
    public void TryNormalize_Empty_AsksForANumber()
    {
        ArgentinePhone.TryNormalize("", out _, out var error);

        Assert.Equal("Ingresá un número de teléfono.", error!.Message);
    }

    [Fact]
    public void TryNormalize_Letters_SaysOnlyDigitsAreAllowed()
    {
        ArgentinePhone.TryNormalize("11 CASA-6789", out _, out var error);

        Assert.Contains("solo puede tener números", error!.Message);
    }

    [Fact]
    public void Normalize_InvalidInput_ThrowsDomainException()
    {
        var e = Assert.Throws<DomainException>(() => ArgentinePhone.Normalize("1234"));

        Assert.Equal("phone.invalid", e.Error.Code);
        Assert.Equal(e.Error.Message, e.Message);
    }

    [Fact]
    public void Normalize_ValidInput_ReturnsE164()
    {
        Assert.Equal("+5491123456789", ArgentinePhone.Normalize("011 15-2345-6789"));
    }

    [Fact]
    public void Format_BuenosAiresMobile_ReadsAsPeopleWriteIt()
    {
        Assert.Equal("+54 9 11 2345-6789", ArgentinePhone.Format("+5491123456789"));
    }

    [Fact]
    public void Format_CordobaMobile_ReadsAsPeopleWriteIt()
    {
        Assert.Equal("+54 9 351 423-4567", ArgentinePhone.Format("+5493514234567"));
    }

    [Fact]
    public void Format_NotANumber_ReturnsInputUnchanged()
    {
        Assert.Equal("no es un número", ArgentinePhone.Format("no es un número"));
    }

    [Fact]
    public void Format_ThenNormalize_RoundTrips()
    {
        Assert.Equal("+5491123456789", ArgentinePhone.Normalize(ArgentinePhone.Format("+5491123456789")));
    }

    [Fact]
    public void Customer_WithBadPhone_IsRejectedWithDomainException()
    {
        var e = Assert.Throws<DomainException>(() => new Customer("Juan Pérez", "1234"));

        Assert.Equal("phone.invalid", e.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(e.Error.Message));
    }

    [Fact]
    public void Customer_WithTypedPhone_StoresE164()
    {
        var customer = new Customer("Juan Pérez", "011 15-2345-6789");

        Assert.Equal("+5491123456789", customer.Phone);
    }

    [Fact]
    public void Customer_UpdateWithBadPhone_KeepsPreviousPhone()
    {
        var customer = new Customer("Juan Pérez", "11 2345-6789");

        Assert.Throws<DomainException>(() => customer.Update("Juan Pérez", "abc", null));
        Assert.Equal("+5491123456789", customer.Phone);
    }
}
