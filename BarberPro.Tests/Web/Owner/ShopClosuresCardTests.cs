using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Web.Owner;

/// <summary>
/// The closed-days card of the shop settings page, over a real SQLite file. The clock is Monday 2026-12-07, so of
/// 2026's national holidays only 8 and 25 December are still ahead.
/// </summary>
public sealed class ShopClosuresCardTests : BunitDatabaseTestBase
{

    [Fact]
    public void Suggests_TheYearsRemainingHolidays_AndNothingIsClosedYet()
    {
        var cut = Render();

        Assert.Contains("Feriados nacionales 2026", cut.Markup);
        Assert.Equal(["2026-12-08", "2026-12-25"], cut.FindAll(".suggestion").Select(s => s.GetAttribute("data-date")));
        Assert.Contains("Inmaculada Concepción de María", cut.Find(".suggestion[data-date='2026-12-08']").TextContent);
        Assert.NotNull(cut.Find(".closures-empty"));
        Assert.Empty(cut.FindAll(".closure"));
    }

    [Fact]
    public async Task OneClickOnAHoliday_ClosesTheShop_WithItsName_AndTakesItOffTheSuggestions()
    {
        var cut = Render();

        cut.Find(".suggestion[data-date='2026-12-25'] button").Click();

        cut.WaitForAssertion(() => Assert.Contains("Navidad", cut.Find(".closure[data-date='2026-12-25']").TextContent));
        Assert.Equal(["2026-12-08"], cut.FindAll(".suggestion").Select(s => s.GetAttribute("data-date")));
        await using var ctx = Db.NewContext();
        var stored = Assert.Single(await ctx.ShopClosures.ToListAsync());
        Assert.Equal((Agenda.Shop.Id, new LocalDate(2026, 12, 25), "Navidad"), (stored.ShopId, stored.Date, stored.Note));
        Assert.Empty((await Db.Availability.GetSlotsAsync(Agenda.Barber.Id, Agenda.Haircut.Id, new LocalDate(2026, 12, 25)))!.Starts);
    }

    [Fact]
    public async Task TheForm_ClosesAnyDateWithANote_AndRemoveReopensIt()
    {
        var cut = Render();

        cut.Find(".closure-date input").Change("2026-12-31");
        cut.Find(".closure-note input").Change("Fin de año");
        cut.Find(".closure-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("Fin de año", cut.Find(".closure[data-date='2026-12-31']").TextContent));
        Assert.Contains("jueves 31 de diciembre", cut.Find(".closure[data-date='2026-12-31']").TextContent);

        cut.Find(".closure[data-date='2026-12-31'] .reopen").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".closure")));
        await using var ctx = Db.NewContext();
        Assert.Empty(await ctx.ShopClosures.ToListAsync());
    }

    [Fact]
    public void APastDate_ShowsTheDomainsMessage_AndClosesNothing()
    {
        var cut = Render();

        cut.Find(".closure-date input").Change("2026-12-01");
        cut.Find(".closure-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("Esa fecha ya pasó", cut.Find(".closure-error").TextContent));
        Assert.Empty(cut.FindAll(".closure"));
    }

    [Fact]
    public void NextYear_ListsAllItsHolidays_WithHolyThursdayAsANonWorkingDay()
    {
        var cut = Render();

        cut.Find(".year-2027").Click();

        Assert.Contains("Feriados nacionales 2027", cut.Markup);
        var dates = cut.FindAll(".suggestion").Select(s => s.GetAttribute("data-date")).ToList();
        Assert.Equal("2027-01-01", dates[0]);
        Assert.Contains("2027-02-08", dates); // Carnival Monday (Easter 2027: 28 March)
        Assert.Contains("día no laborable", cut.Find(".suggestion[data-date='2027-03-25']").TextContent);
    }

    [Fact]
    public void SomeoneWhoDoesNotRunTheShop_SeesNotFound_AndNoForm()
    {
        var cut = Render(Actor.Owner("someone-else"));

        Assert.Contains("No encontramos", cut.Markup);
        Assert.Empty(cut.FindAll(".closure-submit"));
    }

    [Fact]
    public void InEnglish_TextsAndHolidayNamesAreTranslated()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");

        var cut = Render();

        Assert.Contains("National holidays 2026", cut.Markup);
        Assert.Contains("Christmas Day", cut.Find(".suggestion[data-date='2026-12-25']").TextContent);
        Assert.DoesNotContain("Feriados", cut.Markup);
    }

    private IRenderedComponent<ShopClosuresCard> Render(Actor? actor = null)
    {
        var cut = Render<ShopClosuresCard>(p => p
            .Add(c => c.ShopId, Agenda.Shop.Id)
            .Add(c => c.Actor, actor ?? Actor.Owner(TestAgenda.OwnerUserId)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}
