using NodaTime;

namespace BarberPro.Domain.Data;

/// <summary>
/// One row naming the process that opened the database file last: a random id written at every start-up. The running
/// app reads it back by path (<see cref="DatabaseFileGuard"/>); another id, or no file, means the file it writes to is no
/// longer the file on disk.
/// </summary>
public sealed class DatabaseStamp
{
    public const int SingleId = 1;
    public const int InstanceIdLength = 32;

    private DatabaseStamp() { }

    public DatabaseStamp(string instanceId, Instant stampedAt)
    {
        Id = SingleId;
        Restamp(instanceId, stampedAt);
    }

    public int Id { get; private set; }
    public string InstanceId { get; private set; } = "";
    public Instant StampedAt { get; private set; }

    public void Restamp(string instanceId, Instant stampedAt)
    {
        InstanceId = instanceId;
        StampedAt = stampedAt;
    }
}
