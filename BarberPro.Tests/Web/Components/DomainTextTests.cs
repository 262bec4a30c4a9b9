using System.Globalization;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Common;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;

namespace BarberPro.Tests.Web.Components;

public sealed class DomainTextTests : BunitTestBase
{
    [Fact]
    public void Spanish_ShowsTheDomainsOwnMessage()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-AR");

        Assert.Equal("Ese horario acaba de ocuparse. Elegí otro de los disponibles.", Texts.Text(SlotCheck.Taken.ToError()!));
    }

    [Fact]
    public void English_TranslatesByCode_AndFallsBackToSpanishForUnknownCodes()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        Assert.Equal("That time was just taken. Pick one of the free times.", Texts.Text(SlotCheck.Taken.ToError()!));
        Assert.Equal("Mensaje sin traducir", Texts.Text(new DomainError("something.new", "Mensaje sin traducir")));
    }
}
