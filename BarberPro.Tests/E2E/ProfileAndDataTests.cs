using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// A customer on a phone: signs up (the form links to the privacy policy), changes their phone on "Mi perfil",
/// downloads their data (it holds their booking), deletes their account, and then cannot sign in.
/// </summary>
public sealed class ProfileAndDataTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Corte-2026";

    [Fact]
    public async Task Customer_EditsPhone_DownloadsTheirData_DeletesTheAccount_AndCannotSignInAgain()
    {
        var email = $"lucia-{Guid.NewGuid():N}@example.com";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/cuenta/registro");
        await Expect(page.Locator("#register-privacy")).ToHaveAttributeAsync("href", "privacidad");
        await page.FillAsync("#fullName", "Lucía Fernández");
        await page.FillAsync("#phone", "11 4567-8901");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.ExpectUrlWithoutAsync(page, "/cuenta/registro");
        var bookingId = await BookForAsync(email);

        var profile = new ProfilePageObject(page);
        await profile.OpenAsync();
        await profile.ChangePhoneAsync("351 15 555-1234");
        Assert.Equal("+54 9 351 555-1234", await profile.PhoneAsync());
        await BrowserFixture.ScreenshotAsync(page, "70-profile-phone");

        var json = await profile.DownloadMyDataAsync();
        Assert.Contains(bookingId.ToString(), json);
        Assert.Contains("+5493515551234", json);

        await profile.OpenDeletionAsync();
        await profile.FillDeletionAsync(Password);
        await BrowserFixture.ScreenshotAsync(page, "71-delete-account-phone");
        await profile.ConfirmDeletionAsync();
        await Expect(page.Locator("[data-testid=account-deleted]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "72-account-deleted-phone");

        await page.GotoAsync("/cuenta/ingresar");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator(".mud-alert[role=alert]")).ToContainTextAsync("no son correctos");
        Assert.Contains("/cuenta/ingresar", page.Url);
    }

    /// <summary>A booking for the new customer with Fede next Friday, through the app's booking service.</summary>
    private async Task<Guid> BookForAsync(string email)
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var shop = await db.Shops.SingleAsync(s => s.Slug == "barberpro-palermo");
        var fede = await db.Providers.SingleAsync(p => p.ShopId == shop.Id && p.DisplayName == "Fede");
        var corte = await db.Offerings.SingleAsync(o => o.ShopId == shop.Id && o.Name == "Corte");
        var friday = new LocalDate(2026, 12, 11);
        foreach (var hour in new[] { 10, 11, 12, 15, 16, 17, 18 })
        {
            var start = friday.At(new LocalTime(hour, 30)).InZoneStrictly(shop.TimeZone).ToInstant();
            if (await services.GetRequiredService<BookingService>().BookAsync(new NewBooking(fede.Id, corte.Id, start), Actor.Customer(userId))
                is BookingOutcome.Succeeded { Booking: var booking })
                return booking.Id;
        }
        throw new InvalidOperationException("No free slot on Friday.");
    }
}
