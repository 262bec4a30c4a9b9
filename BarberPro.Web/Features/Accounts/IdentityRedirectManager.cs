using Microsoft.AspNetCore.Components;

namespace BarberPro.Web.Features.Accounts;

/// <summary>Redirects from the static server-rendered account pages, never to another site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    /// <summary>Back to where the user came from when that is a page of this site (<see cref="LocalReturnUrl"/>), else to their home page.</summary>
    public void RedirectToReturnUrl(string? returnUrl) => navigationManager.NavigateTo(LocalReturnUrl.OrElse(returnUrl));

    /// <summary>To one of the app's own pages (a path the code names, never one from the request).</summary>
    public void RedirectTo(string localPath) => navigationManager.NavigateTo(localPath);
}
