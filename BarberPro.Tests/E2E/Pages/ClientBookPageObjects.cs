using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>The client book at /clientes.</summary>
public sealed class ClientsPageObject(IPage page)
{
    public Task OpenAsync() => TestSupport.BrowserFixture.GoToInteractiveAsync(page, "/clientes");

    public ILocator Count => page.Locator("#clients-count");

    public ILocator Cards => page.Locator(".client-card");

    public ILocator Card(string name) => Cards.Filter(new LocatorFilterOptions { HasText = name });

    public async Task SearchAsync(string text)
    {
        await page.FillAsync("#clients-search", text);
        await page.ClickAsync("#clients-search-go");
    }

    public Task OpenClientAsync(string name) => Card(name).Locator("a.client-name").ClickAsync();
}

/// <summary>A client's page at /clientes/{id}.</summary>
public sealed class ClientPageObject(IPage page)
{
    public ILocator Name => page.Locator("#client-name");

    public ILocator Notes => page.Locator("#client-notes");

    public async Task SaveNotesAsync(string notes)
    {
        await Notes.FillAsync(notes);
        await page.ClickAsync("#client-notes-save");
    }

    public Task BookAsync() => page.ClickAsync("#client-book");
}

/// <summary>The agenda's walk-in dialog opened for a client of the book.</summary>
public sealed class WalkInForClientObject(IPage page)
{
    public ILocator Client => page.Locator("#walkin-client");

    public ILocator Slots => page.Locator(".mud-dialog .slot");

    public async Task ChooseServiceAsync(string name)
    {
        await page.Locator(".mud-dialog .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = name }).First.ClickAsync();
    }

    public Task SaveAsync() => page.ClickAsync("#walkin-save");
}
