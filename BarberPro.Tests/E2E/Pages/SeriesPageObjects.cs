using Microsoft.Playwright;

namespace BarberPro.Tests.E2E.Pages;

/// <summary>"Repetir" on the wizard's confirm step: the series form and its preview.</summary>
public sealed class SeriesBookingPage(IPage page)
{
    public Task RepeatAsync() => page.GetByText("Repetir este turno").ClickAsync();

    public Task PickFrequencyAsync(string frequency) => page.ClickAsync($"[data-frequency='{frequency}']");

    public Task PreviewAsync() => page.ClickAsync("#series-preview-button");

    public ILocator Occurrences => page.Locator("#series-preview .occurrence");

    public ILocator Clashes => page.Locator("#series-preview .occurrence.clash");

    /// <summary>Takes the first alternative of every clashing occurrence.</summary>
    public async Task TakeFirstAlternativesAsync()
    {
        var clashes = await Clashes.CountAsync();
        for (var i = 0; i < clashes; i++)
            await Clashes.Nth(i).Locator(".alternative").First.ClickAsync();
    }

    public ILocator ConfirmButton => page.Locator("#confirm-series");
}

/// <summary>A series card in "Mis turnos".</summary>
public sealed class SeriesCardObject(IPage page)
{
    public ILocator Cards => page.Locator(".series-card");

    public ILocator Card(Guid seriesId) => page.Locator($".series-card[data-series='{seriesId}']");

    public Task ExpandAsync(Guid seriesId) => Card(seriesId).Locator(".expand").ClickAsync();

    public ILocator Items(Guid seriesId) => Card(seriesId).Locator(".series-list li");
}
