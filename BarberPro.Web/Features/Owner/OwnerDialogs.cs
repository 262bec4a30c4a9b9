using MudBlazor;

namespace BarberPro.Web.Features.Owner;

public static class OwnerDialogs
{
    /// <summary>Full width on a phone, small on a desktop; only the buttons close it (no lost input on a stray tap).</summary>
    public static DialogOptions Options { get; } = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseButton = true,
        BackdropClick = false,
    };
}
