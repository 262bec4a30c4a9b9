using System.Text.RegularExpressions;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Shops;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// An admin opens a psychology practice for someone without an account, on a phone; the new owner chooses their password
/// through the emailed link (real SMTP on loopback), signs in and finds their shop; with a second shop they switch
/// between them; they brand the shop (colour, logo upload, a refused non-image) and its public page shows it.
/// </summary>
public sealed class ShopCreationTests(MailBrowserFixture browser) : IClassFixture<MailBrowserFixture>
{
    private const string OwnerEmail = "laura.nunez@example.com";
    private const string OwnerPassword = "Consultorio2026!";

    [Fact]
    public async Task Admin_OpensAShopForANewOwner_WhoSetsAPasswordByEmail_SignsIn_RunsTwoShops_AndBrandsOne()
    {
        var admin = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, BarberProWebApp.DemoAdminEmail);
        var shops = new AdminShopsPageObject(admin);
        await shops.OpenAsync();

        await shops.OpenShopAsync("Consultorio Núñez", "Psicología", "Av. del Libertador 7000, CABA", "11 4701-2345", OwnerEmail, "Laura Núñez");

        var row = shops.Row("consultorio-nunez");
        await Expect(row.Locator(".shop-row-vertical")).ToHaveTextAsync("Psicología");
        await Expect(row.Locator(".shop-row-owner")).ToContainTextAsync(OwnerEmail);
        await Expect(admin.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await BrowserFixture.ScreenshotAsync(admin, "50-admin-shops-phone");

        // The invitation reaches the SMTP server; the owner follows its link and chooses a password.
        await browser.App.Services.GetRequiredService<NotificationSender>().SendDueAsync();
        var mail = await browser.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == OwnerEmail));
        Assert.Contains("Consultorio Núñez", mail.Subject);
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/cuenta/restablecer\S*").Value;
        Assert.StartsWith(browser.App.BaseAddress.ToString().TrimEnd('/'), link);
        var owner = await browser.NewPageAsync();
        await owner.GotoAsync(link);
        await owner.FillAsync("#password", OwnerPassword);
        await owner.FillAsync("#confirm", OwnerPassword);
        await owner.ClickAsync("button[type=submit]");
        await Expect(owner.Locator("[data-testid=reset-done]")).ToBeVisibleAsync();
        await BrowserFixture.SignInAsync(owner, OwnerEmail, OwnerPassword);
        await BrowserFixture.GoToInteractiveAsync(owner, "/");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Consultorio Núñez", Exact = true })).ToBeVisibleAsync();

        // A second shop for the same owner (now an existing account): the dashboard lists both, the settings page switches.
        var (ownerId, second) = await SecondShopAsync();
        await BrowserFixture.GoToInteractiveAsync(owner, "/");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Consultorio Núñez", Exact = true })).ToBeVisibleAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Consultorio Núñez Norte", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.GoToInteractiveAsync(owner, "/admin/local");
        await owner.Locator(".shop-select").First.ClickAsync();
        await owner.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Consultorio Núñez Norte" }).ClickAsync();
        await BrowserFixture.ExpectUrlAsync(owner, $"local={second}");
        await BrowserFixture.GoToInteractiveAsync(owner, "/admin/local");

        // Branding the first shop (the first by name): a colour, a logo uploaded through the page, a non-image refused.
        var branding = new ShopBrandingCardObject(owner);
        await branding.SetAccentAsync("#00897b");
        await branding.UploadAsync("logo", "logo.png", "image/png", Logo());
        await Expect(branding.Logo).ToBeVisibleAsync();
        await branding.UploadAsync("place", "foto.jpg", "image/jpeg", "esto no es una foto"u8.ToArray());
        await Expect(branding.Error).ToHaveTextAsync("El archivo no es una imagen JPEG, PNG o WebP.");
        await Expect(branding.Photos("Place")).ToHaveCountAsync(0);
        var brand = (await browser.App.Services.GetRequiredService<ShopBrandingService>().BrandAsync(await FirstShopIdAsync()))!;
        Assert.Equal("#00897b", brand.AccentColor);
        await AddPhotosAsync(brand.ShopId, Actor.Owner(ownerId));
        // Until someone gives its services the shop's page says it takes no bookings yet; the owner's first professional:
        var customerBefore = await browser.NewPageAsync();
        await customerBefore.GotoAsync("/local/consultorio-nunez");
        await Expect(customerBefore.Locator("#not-taking-bookings")).ToContainTextAsync("todavía no toma turnos");
        await Expect(customerBefore.Locator("#book-now")).ToHaveCountAsync(0);
        await AddProfessionalAsync(brand.ShopId, "Lic. Ana Paz");
        await BrowserFixture.GoToInteractiveAsync(owner, "/admin/local");
        await Expect(branding.Photos("Place")).ToHaveCountAsync(2);
        await CardScreenshotAsync(owner, branding.Card, "52-owner-branding-phone");

        var customer = await browser.NewPageAsync();
        await customer.GotoAsync("/local/consultorio-nunez");
        await Expect(customer.Locator("img.brand-logo")).ToBeVisibleAsync();
        await Expect(customer.Locator(".gallery[data-kind='Place'] img")).ToHaveCountAsync(2);
        await Expect(customer.Locator(".gallery[data-kind='Team'] img")).ToHaveCountAsync(1);
        await Expect(customer.Locator("a.maps-link")).ToHaveAttributeAsync("href",
            "https://www.google.com/maps/search/?api=1&query=Av.%20del%20Libertador%207000%2C%20CABA");
        // The accent colour is the page's theme colour: the booking button wears it.
        await Expect(customer.Locator("#book-now")).ToHaveCSSAsync("background-color", "rgb(0, 137, 123)");
        await BrowserFixture.ScreenshotAsync(customer, "51-shop-branded-phone");
        await customer.GotoAsync("/local/consultorio-nunez/reservar");
        await Expect(customer.Locator("img.brand-logo")).ToBeVisibleAsync();
        await Expect(customer.Locator(".brand-name")).ToHaveTextAsync("Consultorio Núñez");
    }

    /// <summary>What a 390×844 phone shows from the top of <paramref name="card"/>, saved to test-output/screenshots.</summary>
    private static async Task CardScreenshotAsync(IPage page, ILocator card, string name)
    {
        await card.EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 72)");
        var folder = Repository.PathOf("test-output", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }

    private async Task<(string OwnerId, Guid ShopId)> SecondShopAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ShopAdministration>().CreateAsync(
            new NewShop("Consultorio Núñez Norte", "consultorio-nunez-norte", Vertical.Psychologist, null, null, OwnerEmail), Actor.Admin("admin"));
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.False(result.Value!.Invited);
        return (result.Value.Owner.Id, result.Value.Shop.Id);
    }

    private async Task AddProfessionalAsync(Guid shopId, string name)
    {
        var dbFactory = browser.App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BarberPro.Domain.Data.BarberProDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var provider = new BarberPro.Domain.Scheduling.Provider(shopId, name, null);
        provider.SetWeeklyHours([(NodaTime.IsoDayOfWeek.Tuesday, new BarberPro.Domain.Scheduling.LocalTimeRange(new NodaTime.LocalTime(9, 0), new NodaTime.LocalTime(13, 0)))]);
        foreach (var offering in db.Offerings.Where(o => o.ShopId == shopId).ToList())
            provider.Offer(offering);
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> FirstShopIdAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ShopAdministration>().ListAsync(Actor.Admin("admin"));
        return rows.Single(r => r.Slug == "consultorio-nunez").Id;
    }

    private async Task AddPhotosAsync(Guid shopId, Actor owner)
    {
        var branding = browser.App.Services.GetRequiredService<ShopBrandingService>();
        foreach (var (kind, top, bottom) in new[]
        {
            (ShopImageKind.Place, new SKColor(0xd7, 0xcc, 0xc8), new SKColor(0x8d, 0x6e, 0x63)),
            (ShopImageKind.Place, new SKColor(0xb2, 0xdf, 0xdb), new SKColor(0x00, 0x69, 0x5c)),
            (ShopImageKind.Team, new SKColor(0xff, 0xe0, 0xb2), new SKColor(0x00, 0x89, 0x7b)),
        })
        {
            var added = await branding.AddImageAsync(shopId, kind, new MemoryStream(Photo(top, bottom)), null, owner);
            Assert.True(added.Succeeded, added.Error?.Message);
        }
    }

    /// <summary>A 2000×1500 "photo": a gradient with a circle, as a JPEG.</summary>
    private static byte[] Photo(SKColor top, SKColor bottom)
    {
        using var bitmap = new SKBitmap(2000, 1500);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 1500), [top, bottom], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, 2000, 1500, gradient);
            using var circle = new SKPaint { Color = SKColors.White.WithAlpha(160), IsAntialias = true };
            canvas.DrawCircle(1000, 700, 380, circle);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A round teal logo with a white "N", as a PNG with transparency.</summary>
    private static byte[] Logo()
    {
        using var bitmap = new SKBitmap(600, 600);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var fill = new SKPaint { Color = new SKColor(0x00, 0x89, 0x7b), IsAntialias = true };
            canvas.DrawCircle(300, 300, 290, fill);
            using var stroke = new SKPaint { Color = SKColors.White, IsAntialias = true, StrokeWidth = 60, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
            canvas.DrawLine(190, 420, 190, 180, stroke);
            canvas.DrawLine(190, 180, 410, 420, stroke);
            canvas.DrawLine(410, 420, 410, 180, stroke);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
