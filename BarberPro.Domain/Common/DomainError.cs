namespace BarberPro.Domain.Common;

/// <summary>
/// A rule the domain refused, with a stable <see cref="Code"/> (for localization and API clients)
/// and a ready-to-show Spanish (es-AR) <see cref="Message"/>.
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Thrown when an entity is asked to break one of its invariants.</summary>
public sealed class DomainException(DomainError error) : Exception(error.Message)
{
    public DomainError Error { get; } = error;
}
