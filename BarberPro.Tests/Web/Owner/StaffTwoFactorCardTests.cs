using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The shop settings card where an owner requires two-factor sign-in for their staff, over a real SQLite file.</summary>
public sealed class StaffTwoFactorCardTests : BunitDatabaseTestBase
{
    [Fact]
    public async Task TurningItOn_StoresTheRequirement_AndTheRuleThenAppliesToThisShopsStaffOnly()
    {
        await using (var ctx = Db.NewContext())
        {
            (await ctx.Users.SingleAsync(u => u.Id == TestAgenda.BarberUserId)).TwoFactorEnabled = true;
            await ctx.SaveChangesAsync();
        }
        var cut = Render();
        Assert.Contains("1 de 3 personas del equipo ya la activaron.", cut.Find(".enrolled-count").TextContent);

        cut.Find(".require-two-factor input").Change(true);

        cut.WaitForAssertion(() => Assert.Contains("Quien todavía no la activó", cut.Markup));
        await using var db = Db.NewContext();
        Assert.True((await db.Shops.SingleAsync(s => s.Id == Agenda.Shop.Id)).RequiresStaffTwoFactor);
        var rule = new StaffTwoFactorRule(Db.DbFactory);
        Assert.True(await rule.IsRequiredAsync(TestAgenda.OwnerUserId, [Roles.Owner]));
        Assert.True(await rule.IsRequiredAsync(TestAgenda.OtherBarberUserId, [Roles.Provider]));
        Assert.False(await rule.IsRequiredAsync(TestAgenda.CustomerUserId, [Roles.Customer]));
        Assert.False(await rule.IsRequiredAsync("someone-elses-barber", [Roles.Provider]));
        Assert.True(await rule.IsRequiredAsync("any-admin", [Roles.Admin]));
    }

    [Fact]
    public async Task TurningItOff_AgainMakesItOptional()
    {
        await using (var ctx = Db.NewContext())
            await ctx.Shops.Where(s => s.Id == Agenda.Shop.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RequiresStaffTwoFactor, true));
        var cut = Render();

        cut.Find(".require-two-factor input").Change(false);

        cut.WaitForAssertion(() => Assert.DoesNotContain("Quien todavía no la activó", cut.Markup));
        await using var db = Db.NewContext();
        Assert.False((await db.Shops.SingleAsync(s => s.Id == Agenda.Shop.Id)).RequiresStaffTwoFactor);
        Assert.False(await new StaffTwoFactorRule(Db.DbFactory).IsRequiredAsync(TestAgenda.BarberUserId, [Roles.Provider]));
    }

    [Fact]
    public void SomeoneWhoDoesNotRunTheShop_SeesNotFound_AndNoSwitch()
    {
        var cut = Render(Actor.Owner("someone-else"));

        Assert.Contains("No encontramos", cut.Markup);
        Assert.Empty(cut.FindAll(".require-two-factor"));
    }

    private IRenderedComponent<StaffTwoFactorCard> Render(Actor? actor = null)
    {
        var cut = Render<StaffTwoFactorCard>(p => p
            .Add(c => c.ShopId, Agenda.Shop.Id)
            .Add(c => c.Actor, actor ?? Actor.Owner(TestAgenda.OwnerUserId)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}
