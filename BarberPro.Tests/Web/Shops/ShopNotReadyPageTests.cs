using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Shops;
using Bunit;

namespace BarberPro.Tests.Web.Shops;

/// <summary>
/// A shop an admin has just opened has services (its vertical's) but nobody to give them yet: its page says it does not
/// take bookings yet instead of a "Reservar turno" button that leads to an empty wizard, and shows no empty team.
/// </summary>
public sealed class ShopNotReadyPageTests : BunitDatabaseTestBase
{
    private const string NewSlug = "recien-abierto";

    protected override async Task ChangeSeedAsync(BarberProDbContext db) =>
        await ShopFactory.CreateAsync(db, "Recién Abierto", NewSlug, Vertical.Psychologist, TestAgenda.OwnerUserId, TestAgenda.DefaultNow, default);

    [Fact]
    public void AShopWithNoProfessionalsYet_SaysItDoesNotTakeBookingsYet_AndShowsNoEmptyTeam()
    {
        var page = Render<ShopPage>(p => p.Add(s => s.Slug, NewSlug));
        page.WaitForElement("#shop-kind");

        Assert.Empty(page.FindAll("#book-now"));
        Assert.Contains("todavía no toma turnos", page.Find("#not-taking-bookings").TextContent, StringComparison.OrdinalIgnoreCase);
        var headings = page.FindAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Sesiones", headings);
        Assert.DoesNotContain("Profesionales", headings);
    }

    [Fact]
    public void AShopWithProfessionals_OffersTheBookingButton()
    {
        var page = Render<ShopPage>(p => p.Add(s => s.Slug, "test-barber"));
        page.WaitForElement("#shop-kind");

        Assert.Single(page.FindAll("#book-now"));
        Assert.Empty(page.FindAll("#not-taking-bookings"));
    }
}
