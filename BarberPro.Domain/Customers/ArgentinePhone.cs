using BarberPro.Domain.Common;
using PhoneNumbers;

namespace BarberPro.Domain.Customers;

/// <summary>
/// Argentine phone numbers as people type them, stored as E.164 mobiles (the number WhatsApp knows).
/// "11 2345-6789", "+54 9 11 2345-6789", "011 15-2345-6789" and "5491123456789" all become +5491123456789.
/// A number typed without the mobile mark (9 or 15) is taken as the mobile with the same area code and number:
/// customers give us the phone we reach them on. See docs/decisions/0002.
/// </summary>
public static class ArgentinePhone
{
    /// <summary>The longest phone people may type (spaces, dashes and prefixes included).</summary>
    public const int MaxInputLength = 40;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Parses <paramref name="input"/>; returns the E.164 form or an error with a Spanish message.</summary>
    public static bool TryNormalize(string? input, out string e164, out DomainError? error)
    {
        e164 = "";
        error = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = Invalid("Ingresá un número de teléfono.");
            return false;
        }
        if (text.Length > MaxInputLength)
        {
            error = Invalid($"El teléfono puede tener hasta {MaxInputLength} caracteres.");
            return false;
        }
        if (text.Any(char.IsLetter))
        {
            error = Invalid("El teléfono solo puede tener números, espacios, guiones y el signo +.");
            return false;
        }
        // "54 9 11…" typed without the plus is common when copying from WhatsApp.
        var digits = new string(text.Where(char.IsDigit).ToArray());
        if (!text.StartsWith('+') && digits.StartsWith("54") && digits.Length >= 12)
            text = "+" + digits;

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, "AR");
        }
        catch (NumberParseException)
        {
            error = Invalid("No reconocemos ese número. Probá con el código de área, por ejemplo 11 2345-6789.");
            return false;
        }

        if (number.CountryCode == 54)
            number = AsMobile(number);

        if (!Util.IsValidNumber(number))
        {
            error = Invalid("Ese número no es válido. Revisá el código de área y la cantidad de dígitos.");
            return false;
        }
        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    /// <summary>Parses or throws a <see cref="DomainException"/>.</summary>
    public static string Normalize(string? input) =>
        TryNormalize(input, out var e164, out var error) ? e164 : throw new DomainException(error!);

    /// <summary>Formats an E.164 number for people: "+54 9 11 2345-6789" for Argentine numbers.</summary>
    public static string Format(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, "AR"), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    private static PhoneNumber AsMobile(PhoneNumber number)
    {
        if (Util.GetNumberType(number) == PhoneNumberType.MOBILE)
            return number;
        var national = Util.GetNationalSignificantNumber(number);
        if (national.StartsWith('9'))
            return number;
        try
        {
            var mobile = Util.Parse("+549" + national, "AR");
            return Util.IsValidNumber(mobile) && Util.GetNumberType(mobile) == PhoneNumberType.MOBILE ? mobile : number;
        }
        catch (NumberParseException)
        {
            return number;
        }
    }

    private static DomainError Invalid(string message) => new("phone.invalid", message, "Phone");
}
