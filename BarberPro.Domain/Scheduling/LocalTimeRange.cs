using NodaTime;

namespace BarberPro.Domain.Scheduling;

/// <summary>A wall-clock span within one local day, <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public readonly record struct LocalTimeRange(LocalTime Start, LocalTime End)
{
    public bool IsValid => Start < End;
    public bool Overlaps(LocalTimeRange other) => Start < other.End && other.Start < End;
    public override string ToString() => $"{Start:HH:mm}–{End:HH:mm}";
}
