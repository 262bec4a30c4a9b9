namespace BarberPro.Domain.Outbox;

/// <summary>
/// Tells the outbox dispatcher that rows were committed. Writers call <see cref="Wake"/> after their transaction
/// commits; it returns at once (publishing happens on the dispatcher's own task). A row whose writer never wakes the
/// dispatcher (the process died right after the commit) is published by the next poll.
/// </summary>
public interface IOutboxSignal
{
    void Wake();

    /// <summary>A signal that wakes nobody: for tools and tests that write as a process which dies before publishing.</summary>
    public static readonly IOutboxSignal None = new NoSignal();

    private sealed class NoSignal : IOutboxSignal
    {
        public void Wake()
        {
        }
    }
}
