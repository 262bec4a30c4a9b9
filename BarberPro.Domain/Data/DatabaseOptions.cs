namespace BarberPro.Domain.Data;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default, embedded), SqlServer or PostgreSQL.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// SQLite's synchronous setting. FULL (default) syncs the WAL on every commit, so a booking acknowledged to a
    /// customer survives a power cut; NORMAL is faster but may lose the last commits when power fails.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>
    /// How long a write waits for the database (for the app's other writers, then for a lock held by another process)
    /// before it gives up with a "busy" answer (503 with Retry-After on the API). A few seconds; fractions allowed.
    /// </summary>
    public double BusyTimeoutSeconds { get; set; } = 5;

    public TimeSpan BusyTimeout => BusyTimeoutSeconds > 0 && BusyTimeoutSeconds <= 300
        ? TimeSpan.FromSeconds(BusyTimeoutSeconds)
        : throw new InvalidOperationException($"Database:BusyTimeoutSeconds must be more than 0 and at most 300, not {BusyTimeoutSeconds}.");
}
