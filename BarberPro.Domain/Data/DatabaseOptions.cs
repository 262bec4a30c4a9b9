namespace BarberPro.Domain.Data;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default, embedded), PostgreSQL or SqlServer (case-insensitive).</summary>
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

    /// <summary>
    /// PostgreSQL and SQL Server: how many times EF's execution strategy retries an operation after a transient
    /// failure (EnableRetryOnFailure). 0 turns the retrying strategy off. Ignored on SQLite.
    /// </summary>
    public int MaxRetryCount { get; set; } = 5;

    /// <summary>The configured provider, or an exception naming the accepted values.</summary>
    public DatabaseProvider ParsedProvider => Provider.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
        "sqlserver" => DatabaseProvider.SqlServer,
        _ => throw new InvalidOperationException(
            $"Database:Provider must be Sqlite, PostgreSQL or SqlServer, not '{Provider}'."),
    };
}

/// <summary>The databases BarberPro runs on, each with its own derived context and migrations.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
