using System.Globalization;

namespace BarberPro.Domain.Common;

/// <summary>
/// Numbers as people in Argentina type and read them, whatever the UI language: "." groups thousands and "," marks
/// decimals ("1.440", "10.500,50"). Text that could mean two things ("10.50", "1,500") is refused rather than guessed.
/// </summary>
public static class ArgentineNumber
{
    /// <summary>The number format behind every Argentine number the app shows.</summary>
    public static readonly NumberFormatInfo Format = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>"1.440", "90", "-5".</summary>
    public static string FormatWhole(long value) => value.ToString("#,##0", Format);

    /// <summary>
    /// Reads "1.440", "1440" or " 90 " (an optional leading "-"). Refuses decimals, letters, misplaced dots and
    /// numbers beyond <see cref="int"/>; <paramref name="field"/> is carried into the error for the form to place it.
    /// </summary>
    public static bool TryParseWhole(string? text, out int value, out DomainError? error, string? field = null)
    {
        value = 0;
        error = null;
        var s = Clean(text);
        if (s.Length == 0)
        {
            error = new("number.required", "Completá este número.", field);
            return false;
        }
        var negative = s[0] == '-';
        if (negative)
            s = s[1..].TrimStart();
        if (!TryDigits(s, out var digits) || digits.Length > 9)
        {
            error = new("number.invalid", "Escribí un número entero, por ejemplo 30 o 1.440.", field);
            return false;
        }
        value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * (negative ? -1 : 1);
        return true;
    }

    /// <summary>
    /// Reads a non-negative amount "10.500", "10500", "10.500,50" or "10500,5": digits with optional "." every three
    /// digits, then optionally "," and at most <paramref name="maxDecimals"/> digits.
    /// </summary>
    internal static bool TryParseDecimal(string s, int maxDecimals, out decimal value)
    {
        value = 0;
        var comma = s.IndexOf(',');
        var integer = comma < 0 ? s : s[..comma];
        var fraction = comma < 0 ? "" : s[(comma + 1)..];
        if (comma >= 0 && (fraction.Length == 0 || fraction.Length > maxDecimals || !fraction.All(char.IsAsciiDigit)))
            return false;
        if (!TryDigits(integer, out var digits) || digits.Length > 15)
            return false;
        value = decimal.Parse(fraction.Length == 0 ? digits : digits + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    internal static string Clean(string? text) => (text ?? "").Trim();

    /// <summary>"10500" or "10.500" (groups of three after the first); the digits without the dots.</summary>
    private static bool TryDigits(string s, out string digits)
    {
        digits = "";
        if (s.Length == 0)
            return false;
        var groups = s.Split('.');
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)))
            return false;
        if (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3)))
            return false;
        digits = string.Concat(groups);
        return true;
    }
}
