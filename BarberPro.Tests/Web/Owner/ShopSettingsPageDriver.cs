using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Web.Owner;

/// <summary>What the shop settings page tests do to the page and read back, in one place.</summary>
internal static class ShopSettingsPageDriver
{
    /// <summary>Finds and clicks Save in one dispatch: the cards below the form load on their own and may re-render the page in between.</summary>
    public static void Save(IRenderedComponent<ShopSettingsPage> page) =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Guardar")).Click()).GetAwaiter().GetResult();

    /// <summary>The shop's policy as stored.</summary>
    public static async Task<BookingPolicy> StoredPolicyAsync(TestDatabase database, Guid shopId)
    {
        await using var db = database.NewContext();
        return (await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId)).Policy;
    }
}
