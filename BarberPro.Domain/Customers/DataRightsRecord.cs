using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>What a person asked under Ley 25.326 (access, correction, deletion).</summary>
public enum DataRightsAction
{
    /// <summary>They downloaded everything we hold about them.</summary>
    Export = 0,
    /// <summary>They deleted their account: personal data erased, past bookings kept as anonymous history.</summary>
    Deletion = 1,
}

/// <summary>
/// The log of data-rights requests, kept so we can show the law was followed. It holds no personal data: the customer's
/// id (which, after a deletion, points at an anonymous record), what was done, when, and counts.
/// </summary>
public sealed class DataRightsRecord
{
    public const int MaxSummaryLength = 500;

    private DataRightsRecord() { }

    public DataRightsRecord(Guid customerId, DataRightsAction action, Instant at, string summary)
    {
        Id = Guid.CreateVersion7();
        CustomerId = customerId;
        Action = action;
        At = at;
        Summary = summary.Length > MaxSummaryLength ? summary[..MaxSummaryLength] : summary;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public DataRightsAction Action { get; private set; }
    public Instant At { get; private set; }
    /// <summary>What was done, without personal data, e.g. "bookings anonymized: 12; future cancelled: 2".</summary>
    public string Summary { get; private set; } = "";
}
