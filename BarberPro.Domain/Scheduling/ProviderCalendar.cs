using NodaTime;

namespace BarberPro.Domain.Scheduling;

/// <summary>
/// One row per provider that every write to the provider's agenda updates (bookings, moves, cancellations,
/// hours, time off). Its <see cref="Version"/> is a concurrency token the database enforces
/// (<c>UPDATE … WHERE Version = @read</c>), so of two transactions that both read the agenda and then write it,
/// only the first commits; the other re-reads and sees the first one's booking. See docs/decisions/0001.
/// </summary>
public sealed class ProviderCalendar
{
    private ProviderCalendar() { }

    public ProviderCalendar(Guid providerId) => ProviderId = providerId;

    public Guid ProviderId { get; private set; }
    public long Version { get; private set; }
    public Instant? LastChangedAt { get; private set; }

    /// <summary>Marks the agenda as changed; the update then fails if anyone else changed it since it was read.</summary>
    public void Touch(Instant now)
    {
        Version++;
        LastChangedAt = now;
    }
}
