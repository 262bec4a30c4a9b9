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
}
