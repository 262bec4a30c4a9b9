using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The admin's shops at /admin/locales: the "Abrir un local" form and the list of shops.</summary>
public sealed class AdminShopsPageObject(IPage page)
{
    public Task OpenAsync() => TestSupport.BrowserFixture.GoToInteractiveAsync(page, "/admin/locales");

    public ILocator Slug => page.Locator("#shop-slug");

    public ILocator Row(string slug) => page.Locator($".shop-row[data-shop='{slug}']");

    /// <summary>Fills the form (the slug is left as suggested from the name) and opens the shop.</summary>
    public async Task OpenShopAsync(string name, string vertical, string address, string phone, string ownerEmail, string ownerName)
    {
        await page.Locator("#shop-name").FillAsync(name);
        await page.Locator("#shop-vertical .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = vertical }).ClickAsync();
        await page.Locator("#shop-address").FillAsync(address);
        await page.Locator("#shop-phone").FillAsync(phone);
        await page.Locator("#shop-owner-email").FillAsync(ownerEmail);
        await page.Locator("#shop-owner-name").FillAsync(ownerName);
        await page.Locator("#create-shop").ClickAsync();
    }
}

/// <summary>The branding card of the owner's settings page (/admin/local).</summary>
public sealed class ShopBrandingCardObject(IPage page)
{
    public ILocator Card => page.Locator(".branding");

    public ILocator Logo => Card.Locator("img.logo");

    public ILocator Photos(string kind) => Card.Locator($".photos[data-kind='{kind}'] img");

    public ILocator Error => page.Locator("[data-testid=branding-error]");

    public Task UploadAsync(string kind, string fileName, string mimeType, byte[] bytes) =>
        Card.Locator($".upload-{kind} input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = bytes });

    public async Task SetAccentAsync(string hex)
    {
        await page.Locator("#branding-accent").FillAsync(hex);
        await page.Locator("#branding-accent-save").ClickAsync();
    }
}
