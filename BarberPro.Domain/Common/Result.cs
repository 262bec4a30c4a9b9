namespace BarberPro.Domain.Common;

/// <summary>The outcome of a management operation: done (with a value), not found (or not the actor's), or refused.</summary>
public sealed record Result<T>
{
    private Result(T? value, bool notFound, DomainError? error)
    {
        Value = value;
        IsNotFound = notFound;
        Error = error;
    }

    public T? Value { get; }
    public bool IsNotFound { get; }
    public DomainError? Error { get; }
    public bool Succeeded => !IsNotFound && Error is null;

    public static Result<T> Ok(T value) => new(value, false, null);
    public static Result<T> NotFound() => new(default, true, null);
    public static Result<T> Refused(DomainError error) => new(default, false, error);

    public static implicit operator Result<T>(DomainError error) => Refused(error);
}
