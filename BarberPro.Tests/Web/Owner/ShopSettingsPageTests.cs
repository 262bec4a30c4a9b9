using BarberPro.Domain.Accounts;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The shop settings page over a real SQLite file: policy numbers typed the Argentine way.</summary>
public sealed class ShopSettingsPageTests : BunitDatabaseTestBase
{

    public ShopSettingsPageTests() => SignInAs(Roles.Owner, TestAgenda.OwnerUserId, "Dueño");

    private IRenderedComponent<ShopSettingsPage> RenderPage()
    {
        var page = Render<ShopSettingsPage>();
        page.WaitForElement("#settings-notice");
        return page;
    }

    private static void Save(IRenderedComponent<ShopSettingsPage> page) => ShopSettingsPageDriver.Save(page);

    private Task<BookingPolicy> StoredPolicyAsync() => ShopSettingsPageDriver.StoredPolicyAsync(Db, Agenda.Shop.Id);

    [Fact]
    public async Task NoticeTypedWithAThousandsDot_IsSavedAsTyped()
    {
        var page = RenderPage();

        page.Find("#settings-notice").Change("1.440");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Configuración guardada", page.Markup + Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.FirstOrDefault()?.Message));
        Assert.Equal(Duration.FromMinutes(1440), (await StoredPolicyAsync()).MinimumNotice);
    }

    [Fact]
    public async Task NumberWithADecimalComma_IsRefusedNextToTheField_NotReadAsFifteen()
    {
        var before = await StoredPolicyAsync();
        var page = RenderPage();

        page.Find("#settings-horizon").Change("1,5");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("número entero", page.Markup));
        Assert.Equal(before, await StoredPolicyAsync());
    }

    [Fact]
    public async Task AddressOverTheLimit_IsRefusedInSpanishNextToIt_AndNothingChanges()
    {
        var page = RenderPage();
        Assert.Equal("200", page.Find("#settings-address").GetAttribute("maxlength"));

        page.Find("#settings-address").Change(new string('x', 201)); // past the browser's maxlength
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("La dirección puede tener hasta 200 caracteres.", page.Markup));
        await using var db = Db.NewContext();
        Assert.Null((await db.Shops.AsNoTracking().SingleAsync(s => s.Id == Agenda.Shop.Id)).Address);
    }

    [Fact]
    public async Task StoredNumbers_AreShownWithThousandsDots()
    {
        await using (var db = Db.NewContext())
        {
            var shop = await db.Shops.SingleAsync(s => s.Id == Agenda.Shop.Id);
            shop.ChangePolicy(shop.Policy with { MinimumNotice = Duration.FromMinutes(1440) });
            await db.SaveChangesAsync();
        }
        var page = RenderPage();

        Assert.Equal("24", page.Find("#settings-cancellation").GetAttribute("value"));
        Assert.Equal("1.440", page.Find("#settings-notice").GetAttribute("value"));
    }
}
