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
    /// How far back (by the rows' <c>OccurredAt</c>) the planner re-reads rows behind its cursor: on PostgreSQL and SQL
    /// Server a smaller sequence can commit after a larger one (docs/decisions/0007). Re-planning is idempotent.
    /// </summary>
    public int RereadSeconds { get; set; } = 60;
}
