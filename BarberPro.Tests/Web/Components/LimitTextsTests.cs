using System.Globalization;
using BarberPro.Domain.Common;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;

namespace BarberPro.Tests.Web.Components;

/// <summary>The refusals of the text limits and of the shop-customer rule read in English too (Spanish is the domain's own message).</summary>
public sealed class LimitTextsTests : BunitTestBase
{
    [Theory]
    [InlineData("shop.name")]
    [InlineData("shop.address")]
    [InlineData("shop.phone")]
    [InlineData("offering.description")]
    [InlineData("provider.name")]
    [InlineData("provider.time_off_reason")]
    [InlineData("provider.override_note")]
    [InlineData("customer.email")]
    [InlineData("booking.customer_unknown")]
    public void English_HasATextForEveryLimitCode(string code)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        Assert.NotEqual("sin traducir", Texts.Text(new DomainError(code, "sin traducir")));
    }
}
