using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>"Mi perfil" (/cuenta/perfil) and the account deletion page it links to.</summary>
public sealed class ProfilePageObject(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/cuenta/perfil");

    public async Task ChangePhoneAsync(string phone)
    {
        await page.FillAsync("#phone", phone);
        await page.ClickAsync("#save-profile");
        await page.Locator("[data-testid=profile-saved]").WaitForAsync();
    }

    public Task<string> PhoneAsync() => page.InputValueAsync("#phone");

    /// <summary>Clicks "Descargar mis datos" and returns the downloaded file's text.</summary>
    public async Task<string> DownloadMyDataAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-my-data"));
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }

    public async Task OpenDeletionAsync()
    {
        await page.ClickAsync("#link-delete");
        await TestSupport.BrowserFixture.ExpectUrlAsync(page, "/cuenta/eliminar");
    }

    public async Task FillDeletionAsync(string password)
    {
        await page.FillAsync("#password", password);
        await page.CheckAsync("#confirm");
    }

    public async Task ConfirmDeletionAsync()
    {
        await page.ClickAsync("#delete-account");
        await TestSupport.BrowserFixture.ExpectUrlAsync(page, "/cuenta/eliminada");
    }
}
