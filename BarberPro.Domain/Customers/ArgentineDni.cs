namespace BarberPro.Domain.Customers;

/// <summary>
/// An Argentine DNI (Documento Nacional de Identidad) number as people write it — "30.123.456", "30123456", "7 123 456" —
/// read as its 7 or 8 digits. Numbers below 1.000.000 are not issued to living people and are refused.
/// </summary>
public readonly record struct ArgentineDni
{
    private ArgentineDni(string digits) => Digits = digits;

    /// <summary>The number as digits only, e.g. "30123456".</summary>
    public string Digits { get; }

    /// <summary>As Argentines write it: "30.123.456".</summary>
    public override string ToString() =>
        long.Parse(Digits, System.Globalization.CultureInfo.InvariantCulture).ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("es-AR"));

    /// <summary>The DNI in <paramref name="text"/> (dots, spaces and hyphens allowed between digits), or null when it is not one.</summary>
    public static ArgentineDni? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var digits = new System.Text.StringBuilder(8);
        foreach (var c in text.Trim())
        {
            if (c is >= '0' and <= '9')
                digits.Append(c);
            else if (c is not ('.' or ' ' or '-'))
                return null;
            if (digits.Length > 8)
                return null;
        }
        if (digits.Length is < 7 or > 8 || digits[0] == '0')
            return null;
        return new ArgentineDni(digits.ToString());
    }

    public static readonly Common.DomainError Invalid =
        new("patient.national_id", "El DNI tiene que tener 7 u 8 números, por ejemplo 30.123.456.", "NationalId");
}
