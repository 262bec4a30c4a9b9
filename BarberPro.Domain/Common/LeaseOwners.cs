namespace BarberPro.Domain.Common;

/// <summary>
/// Names for whoever holds a lease on a row (a notification sender's run, a server's outbox dispatcher): unique (a new
/// Guid first), then the host and process for whoever reads the table, clipped to the column (a container's host name
/// can be long).
/// </summary>
public static class LeaseOwners
{
    public const int MaxLength = 64;

    public static string New(string host, int processId)
    {
        var owner = $"{Guid.NewGuid():N}@{host}:{processId}";
        return owner.Length > MaxLength ? owner[..MaxLength] : owner;
    }

    /// <summary>A new name for this process.</summary>
    public static string New() => New(Environment.MachineName, Environment.ProcessId);
}
