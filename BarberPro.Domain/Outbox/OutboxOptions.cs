namespace BarberPro.Domain.Outbox;

/// <summary>How <see cref="OutboxDispatcher"/> polls and how long dispatched rows are kept (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How often the dispatcher looks for rows nobody woke it for: rows committed by a process that died before
    /// publishing, or by another server. Writers wake it at once after their commit, so this bounds only those.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dispatcher holds the rows it claimed; another server's dispatcher may claim them after that (this one died).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows read, published and marked per round trip.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Dispatched rows older than this many days are deleted.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>How often the dispatcher deletes expired rows.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement; a purge runs statements until fewer than this many rows go, so no statement holds locks for long.</summary>
    public int PurgeBatchSize { get; set; } = 500;
}
