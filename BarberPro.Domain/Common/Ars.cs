namespace BarberPro.Domain.Common;

/// <summary>
/// An amount of Argentine pesos, read and shown the Argentine way in every UI language: "$ 10.500" when whole,
/// "$ 10.500,50" with cents. The one place that parses and formats money; prices are <see cref="decimal"/> in the domain
/// (at most two decimals) and whole centavos in the database (Data/NodaTimeConverters.cs).
/// </summary>
public readonly record struct Ars(decimal Amount)
{
    /// <summary>ISO 4217 code of the currency every shop charges in.</summary>
    public const string Currency = "ARS";

    /// <summary>"$ 10.500", "$ 10.500,50", "-$ 1.000".</summary>
    public override string ToString() => (Amount < 0 ? "-$ " : "$ ") + Digits(Math.Abs(Amount));

    /// <summary>"10.500" or "10.500,50": the amount as an input shows it (the "$" sits beside the field).</summary>
    public string ToInput() => (Amount < 0 ? "-" : "") + Digits(Math.Abs(Amount));

    /// <summary>Shorthand for <c>new Ars(amount).ToString()</c>.</summary>
    public static string Format(decimal amount) => new Ars(amount).ToString();

    /// <summary>
    /// Reads what a person types: "10.500", "10500", "10.500,50", "10500,5", "$10.500", "$ 10.500". Refuses empty text,
    /// letters, negative amounts, more than two decimals and anything ambiguous ("10.50", "10,500") with a
    /// <see cref="DomainError"/> (<c>money.required</c> or <c>money.invalid</c>) for <paramref name="field"/>.
    /// </summary>
    public static bool TryParse(string? text, out Ars value, out DomainError? error, string? field = null)
    {
        value = default;
        error = null;
        var s = ArgentineNumber.Clean(text);
        if (s.StartsWith(Currency, StringComparison.OrdinalIgnoreCase))
            s = s[Currency.Length..].TrimStart();
        if (s.StartsWith('$'))
            s = s[1..].TrimStart();
        if (s.Length == 0)
        {
            error = new("money.required", "Ingresá el importe en pesos, por ejemplo 10.500.", field);
            return false;
        }
        if (!ArgentineNumber.TryParseDecimal(s, maxDecimals: 2, out var amount))
        {
            error = new("money.invalid", "Escribí el importe con punto para los miles y coma para los centavos, por ejemplo 10.500 o 10.500,50.", field);
            return false;
        }
        value = new Ars(amount);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing a <see cref="DomainException"/> when the text is not an amount.</summary>
    public static Ars Parse(string? text, string? field = null) =>
        TryParse(text, out var value, out var error, field) ? value : throw new DomainException(error!);

    private static string Digits(decimal amount) =>
        amount.ToString(decimal.Truncate(amount) == amount ? "#,##0" : "#,##0.00", ArgentineNumber.Format);
}
