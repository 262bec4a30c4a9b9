namespace BarberPro.Domain.Notifications;

/// <summary>The notifications core's settings (section <c>Notifications</c>; the channels read their own sub-sections).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The one setting of the site's public address, shared with account links (the web project checks it at start-up).</summary>
    public const string PublicBaseUrlKey = "App:PublicBaseUrl";

    /// <summary>
    /// Where customers open the app: the base of the link to manage a booking in every message. Always taken from
    /// <see cref="PublicBaseUrlKey"/> (never from this section); unset, the development address.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5165";

    /// <summary>How long a sender run holds the rows it claimed (another run may claim them after it runs out).</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Tries per message; after the last failed one the message is shown as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles it (1, 2, 4, 8 minutes).</summary>
    public int BackoffSeconds { get; set; } = 60;

    /// <summary>Rows claimed by one UPDATE of the sender.</summary>
    public int SendBatchSize { get; set; } = 50;

    /// <summary>Agenda outbox rows read per planner pass.</summary>
    public int PlanBatchSize { get; set; } = 200;

    /// <summary>
    /// How long the planner's cursor waits at a gap in the agenda outbox's sequences (by the age of the row after it): on
    /// PostgreSQL and SQL Server a smaller sequence can commit after a larger one (docs/decisions/0007); a gap older than
    /// the longest transaction was rolled back. Rows past the gap are planned meanwhile (planning is idempotent).
    /// </summary>
    public int GapWaitSeconds { get; set; } = 60;

    /// <summary>The first setting out of range (the jobs would spin or stall on it), or null when all are usable.</summary>
    public string? Problem() =>
        LeaseSeconds is < 10 or > 3600 ? $"{Section}:LeaseSeconds must be between 10 and 3600 (it is {LeaseSeconds})."
        : MaxAttempts is < 1 or > 20 ? $"{Section}:MaxAttempts must be between 1 and 20 (it is {MaxAttempts})."
        : BackoffSeconds is < 1 or > 86400 ? $"{Section}:BackoffSeconds must be between 1 and 86400 (it is {BackoffSeconds})."
        : SendBatchSize is < 1 or > 1000 ? $"{Section}:SendBatchSize must be between 1 and 1000 (it is {SendBatchSize})."
        : PlanBatchSize is < 1 or > 10000 ? $"{Section}:PlanBatchSize must be between 1 and 10000 (it is {PlanBatchSize})."
        : GapWaitSeconds is < 1 or > 3600 ? $"{Section}:GapWaitSeconds must be between 1 and 3600 (it is {GapWaitSeconds})."
        : null;
}
