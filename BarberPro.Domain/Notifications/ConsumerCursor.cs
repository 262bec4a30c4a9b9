namespace BarberPro.Domain.Notifications;

/// <summary>
/// How far a consumer of the agenda outbox has read (<see cref="Outbox.OutboxMessage.Sequence"/>), kept by the consumer
/// itself (docs/decisions/0007: consumers tail the outbox by sequence, re-reading a short window behind the cursor).
/// </summary>
public sealed class ConsumerCursor
{
    private ConsumerCursor() { }

    public ConsumerCursor(string name) => Name = name;

    /// <summary>The consumer, e.g. "notifications".</summary>
    public string Name { get; private set; } = "";

    /// <summary>The highest sequence the consumer has handled.</summary>
    public long Sequence { get; private set; }

    public void MoveTo(long sequence)
    {
        if (sequence > Sequence)
            Sequence = sequence;
    }
}
