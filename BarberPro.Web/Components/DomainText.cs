using BarberPro.Domain.Common;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Components;

/// <summary>
/// Shows a domain refusal in the UI language. The domain writes its messages in Spanish (the default UI language,
/// with the exact numbers and names); other languages translate by <see cref="DomainError.Code"/> from the
/// "Error.{code}" entries of their resource file, and fall back to the Spanish message where none exists.
/// </summary>
public static class DomainText
{
    public static string Text(this IStringLocalizer localizer, DomainError error)
    {
        if (System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es")
            return error.Message;
        var translated = localizer["Error." + error.Code];
        return translated.ResourceNotFound ? error.Message : translated.Value;
    }
}
