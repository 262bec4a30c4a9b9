using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Realtime;

/// <summary>When the server gives memory back after many pages opened or closed ("Circuits:Memory").</summary>
public sealed class CircuitMemoryOptions
{
    public const string Section = "Circuits:Memory";

    /// <summary>Off: the runtime keeps what it committed, as it does by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many circuits closed (fewer open than the peak since the last return) or opened (more open than at the last
    /// return) make one worth it.
    /// </summary>
    public int MinChange { get; set; } = 20;

    /// <summary>How long no circuit may have opened before memory is given back (traffic going down, not churning).</summary>
    public int QuietSeconds { get; set; } = 5;

    /// <summary>At most one return in this long (a full compacting collection pauses the process for a moment).</summary>
    public int MinIntervalSeconds { get; set; } = 60;
}

/// <summary>
/// The server's open circuits, their peak since memory was last given back and how many were open then, and the rule that
/// says when to give it back: at least <see cref="CircuitMemoryOptions.MinChange"/> fewer open than that peak (pages
/// closed: their circuits' memory is free) or more than at the last return (a burst of pages opened: opening one
/// allocates far more than its circuit keeps — the first render, the prerendered HTML — and the GC holds on to that
/// garbage's memory while the pages sit idle); no circuit opened for <see cref="CircuitMemoryOptions.QuietSeconds"/>; none
/// given back for <see cref="CircuitMemoryOptions.MinIntervalSeconds"/>. Time comes from the caller (the app's <see cref="IClock"/>).
/// </summary>
public sealed class CircuitCount
{
    private readonly Lock _lock = new();
    private int _open;
    private int _peak;
    private int _atReturn;
    private Instant _lastOpened;
    private Instant? _lastReturned;

    public int Open
    {
        get { lock (_lock) return _open; }
    }

    public void Opened(Instant now)
    {
        lock (_lock)
        {
            _open++;
            _peak = Math.Max(_peak, _open);
            _lastOpened = now;
        }
    }

    public void Closed()
    {
        lock (_lock)
            _open = Math.Max(0, _open - 1);
    }

    public bool ShouldReturnMemory(Instant now, CircuitMemoryOptions options)
    {
        lock (_lock)
        {
            return options.Enabled
                && Math.Max(_peak - _open, _open - _atReturn) >= options.MinChange
                && now - _lastOpened >= Duration.FromSeconds(options.QuietSeconds)
                && (_lastReturned is not { } last || now - last >= Duration.FromSeconds(options.MinIntervalSeconds));
        }
    }

    /// <summary>Memory was given back: the peak, and the count that openings are measured from, start again from what is open now.</summary>
    public void Returned(Instant now)
    {
        lock (_lock)
        {
            _peak = _open;
            _atReturn = _open;
            _lastReturned = now;
        }
    }
}

/// <summary>Counts each circuit of this server into <see cref="CircuitCount"/> (one handler per circuit).</summary>
public sealed class CircuitCounter(CircuitCount count, IClock clock) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Opened(clock.GetCurrentInstant());
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Closed();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Gives memory back to the system once many pages have closed or opened (issue 15). A closed circuit's objects are
/// collected, but the server GC keeps the memory it committed for them, so the process's RSS stays at its peak; and after a
/// burst of pages opening it keeps what their first renders allocated, several times what the circuits hold
/// (docs/BENCHMARKS.md). Once <see cref="CircuitCount"/> says so, one blocking, compacting, aggressive collection returns
/// the free memory to the system. Checked every second; the collection itself runs at most once per
/// <see cref="CircuitMemoryOptions.MinIntervalSeconds"/> and only after traffic went down.
/// </summary>
public sealed class CircuitMemoryReturn(CircuitCount count, IClock clock, IOptions<CircuitMemoryOptions> options, ILogger<CircuitMemoryReturn> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetCurrentInstant();
                if (!count.ShouldReturnMemory(now, options.Value))
                    continue;
                var before = Environment.WorkingSet;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                count.Returned(now);
                logger.LogInformation("Pages opened or closed ({Open} circuits open): memory given back in {Milliseconds} ms, working set {Before} MB -> {After} MB.",
                    count.Open, (int)took.TotalMilliseconds, before >> 20, Environment.WorkingSet >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
