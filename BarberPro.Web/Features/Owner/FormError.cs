using BarberPro.Domain.Common;

namespace BarberPro.Web.Features.Owner;

/// <summary>
/// The domain's refusal for a form: shown next to the field it names (<see cref="DomainError.Field"/>) when the form
/// has that field, otherwise above the form (<see cref="General"/>).
/// </summary>
public sealed class FormError(params string[] fields)
{
    private readonly HashSet<string> _fields = [.. fields];

    public DomainError? Error { get; private set; }

    public void Set(DomainError? error) => Error = error;

    public void Clear() => Error = null;

    public bool Has(string field) => Error?.Field == field;

    public string? For(string field) => Has(field) ? Error!.Message : null;

    public string? General => Error is { } e && (e.Field is null || !_fields.Contains(e.Field)) ? e.Message : null;
}
