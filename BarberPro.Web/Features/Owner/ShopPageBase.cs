using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Owner;

public enum OwnerPageStatus
{
    Loading,
    NoShops,
    NotFound,
    Ready,
}

/// <summary>
/// A page about one shop the user runs. The shop comes from <c>?local=</c> or, without it, is the first of the
/// user's shops; a shop the user does not run reads as not found.
/// </summary>
public abstract class ShopPageBase : ComponentBase
{
    [Inject] protected CurrentUser CurrentUser { get; set; } = default!;
    [Inject] protected IDbContextFactory<BarberProDbContext> DbFactory { get; set; } = default!;
    [Inject] protected OwnerQueries Queries { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> SharedTexts { get; set; } = default!;
    [Inject] private IStringLocalizer<OwnerText> OwnerTexts { get; set; } = default!;
    [Inject] private Verticals.IVerticalText Words { get; set; } = default!;

    /// <summary>The <c>?local=</c> value as typed; anything but a shop id is ignored (the user's first shop is shown).</summary>
    [SupplyParameterFromQuery(Name = "local")]
    public string? ShopQuery { get; set; }

    protected Actor? Actor { get; private set; }
    protected IReadOnlyList<OwnerQueries.ShopChoice> Shops { get; private set; } = [];
    protected Guid? SelectedShopId { get; private set; }
    protected OwnerPageStatus Status { get; private set; } = OwnerPageStatus.Loading;

    /// <summary>Says that <c>?local=</c> was not a shop id and was ignored; null otherwise.</summary>
    protected string? QueryNotice { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        Status = OwnerPageStatus.Loading;
        Actor ??= await CurrentUser.ForShopPagesAsync();
        if (Actor is null)
        {
            Status = OwnerPageStatus.NotFound;
            return;
        }
        Shops = await Queries.ShopsAsync(Actor);
        var valid = Guid.TryParse(ShopQuery, out var requested);
        QueryNotice = ShopQuery is not null && !valid ? SharedTexts["Link.ShopIgnored"].Value : null;
        SelectedShopId = valid ? requested : Shops.FirstOrDefault()?.Id;
        if (SelectedShopId is not { } shopId)
        {
            Status = OwnerPageStatus.NoShops;
            return;
        }
        Status = await LoadShopAsync(shopId) ? OwnerPageStatus.Ready : OwnerPageStatus.NotFound;
    }

    /// <summary>Loads the page's data for the shop; false when the shop is not found (or not the user's).</summary>
    protected abstract Task<bool> LoadShopAsync(Guid shopId);

    /// <summary>The selected shop's vertical (a barber shop's words until one is selected).</summary>
    protected Domain.Shops.Vertical SelectedVertical =>
        Shops.FirstOrDefault(s => s.Id == SelectedShopId)?.Vertical ?? Domain.Shops.Vertical.Barber;

    /// <summary>The owner pages' texts in the words of the selected shop's vertical.</summary>
    protected IStringLocalizer ShopTx => Words.For(SelectedVertical, OwnerTexts);

    protected void SelectShop(Guid shopId) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("local", shopId));

    /// <summary>Re-reads the shop list (after a rename).</summary>
    protected async Task RefreshShopsAsync()
    {
        if (Actor is not null)
            Shops = await Queries.ShopsAsync(Actor);
    }
}
