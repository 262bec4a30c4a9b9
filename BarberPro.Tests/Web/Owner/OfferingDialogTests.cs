using System.Globalization;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Catalog;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The services page and its dialog over a real SQLite file: prices typed and shown as Argentines write them.</summary>
public sealed class OfferingDialogTests : BunitDatabaseTestBase
{

    public OfferingDialogTests() => SignInAs(Roles.Owner, TestAgenda.OwnerUserId, "Dueño");

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<Offerings> Page) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Offerings>();
        page.WaitForAssertion(() => Assert.Contains("Corte", page.Markup));
        return (dialogs, page);
    }

    private static void OpenNew(IRenderedComponent<Offerings> page, IRenderedComponent<MudDialogProvider> dialogs)
    {
        page.FindAll("button").Single(b => b.TextContent.Contains("Nuevo servicio") || b.TextContent.Contains("New service")).Click();
        dialogs.WaitForElement("#offering-name");
    }

    private static void Save(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll(".mud-dialog-actions button").Last().Click();

    private async Task<Offering> StoredAsync(string name)
    {
        await using var db = Db.NewContext();
        return await db.Offerings.AsNoTracking().SingleAsync(o => o.Name == name);
    }

    [Theory]
    [InlineData("10.500", 10500, "$ 10.500")]
    [InlineData("10500", 10500, "$ 10.500")]
    [InlineData("10.500,50", 10500.50, "$ 10.500,50")]
    [InlineData("$10.500", 10500, "$ 10.500")]
    [InlineData("$ 10.500", 10500, "$ 10.500")]
    public async Task NewService_PriceTypedTheArgentineWay_IsStoredAndListedAsTyped(string typed, decimal stored, string listed)
    {
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change(typed);
        Save(dialogs);

        page.WaitForAssertion(() => Assert.Contains(listed, page.Find("table").TextContent));
        Assert.Equal(stored, (await StoredAsync("Perfilado")).Price);
    }

    [Fact]
    public async Task NewService_InEnglish_PriceIsStillTypedAndShownInPesos()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change("10.500");
        Save(dialogs);

        page.WaitForAssertion(() => Assert.Contains("$ 10.500", page.Find("table").TextContent));
        Assert.Equal(10500m, (await StoredAsync("Perfilado")).Price);
    }

    [Fact]
    public void NewService_InEnglish_AGarbagePriceIsExplainedInEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change("10,500.50");
        Save(dialogs);

        dialogs.WaitForAssertion(() => Assert.Contains("a dot for thousands and a comma for cents", dialogs.Markup));
    }

    [Fact]
    public async Task EditService_ShowsTheStoredPriceWithThousandsDots()
    {
        await using (var db = Db.NewContext())
        {
            var haircut = await db.Offerings.SingleAsync(o => o.Id == Agenda.Haircut.Id);
            haircut.Update(haircut.Name, haircut.Duration, 9000m, haircut.BufferBefore, haircut.BufferAfter, haircut.Capacity);
            await db.SaveChangesAsync();
        }
        var (dialogs, page) = RenderPage();

        page.Find($"button[aria-label='Editar Corte']").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("9.000", dialogs.Find("#offering-price").GetAttribute("value")));
        Assert.Equal("30", dialogs.Find("#offering-duration").GetAttribute("value"));
    }

    [Fact]
    public async Task NewService_DescriptionOverTheLimit_IsRefusedInSpanishNextToIt_AndNothingIsSaved()
    {
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);
        Assert.Equal(Offering.MaxDescriptionLength.ToString(CultureInfo.InvariantCulture), dialogs.Find("#offering-description").GetAttribute("maxlength"));

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change("5.000");
        dialogs.Find("#offering-description").Change(new string('x', Offering.MaxDescriptionLength + 1)); // past the browser's maxlength
        Save(dialogs);

        dialogs.WaitForAssertion(() => Assert.Contains("La descripción puede tener hasta 1000 caracteres.", dialogs.Markup));
        await using var db = Db.NewContext();
        Assert.False(await db.Offerings.AnyAsync(o => o.Name == "Perfilado"));
    }

    [Theory]
    [InlineData("10.50")]
    [InlineData("10,500")]
    [InlineData("diez mil")]
    public async Task NewService_AmbiguousOrGarbagePrice_IsRefusedNextToThePrice_AndNothingIsSaved(string typed)
    {
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change(typed);
        Save(dialogs);

        dialogs.WaitForAssertion(() => Assert.Contains("punto para los miles", dialogs.Markup));
        await using var db = Db.NewContext();
        Assert.False(await db.Offerings.AnyAsync(o => o.Name == "Perfilado"));
    }

    [Fact]
    public async Task NewService_DurationWithADecimalComma_IsRefused_NotReadAsFifteen()
    {
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        dialogs.Find("#offering-name").Change("Perfilado");
        dialogs.Find("#offering-price").Change("5.000");
        dialogs.Find("#offering-duration").Change("1,5");
        Save(dialogs);

        dialogs.WaitForAssertion(() => Assert.Contains("número entero", dialogs.Markup));
        await using var db = Db.NewContext();
        Assert.False(await db.Offerings.AnyAsync(o => o.Name == "Perfilado"));
    }

    [Fact]
    public void NewService_BeforeAnythingIsTyped_ShowsNoRequiredError()
    {
        var (dialogs, page) = RenderPage();
        OpenNew(page, dialogs);

        // The owner looks around: the name field loses focus, another field gains it.
        dialogs.Find("#offering-name").Blur();
        dialogs.Find("#offering-price").Blur();

        Assert.DoesNotContain("obligatorio", dialogs.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(dialogs.FindAll(".mud-input-error"));
    }
}
