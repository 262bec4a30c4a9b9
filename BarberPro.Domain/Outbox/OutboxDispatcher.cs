using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BarberPro.Domain.Outbox;

/// <summary>
/// Publishes committed <see cref="OutboxMessage"/> rows through the <see cref="IOutboxPublisher"/> (every server's live
/// subscribers, and the once-per-change listeners) and marks them dispatched.
/// <para>
/// A pass claims undispatched rows in <see cref="OutboxMessage.Sequence"/> order, in batches, with one UPDATE (lease
/// owner and end, only where the row is pending and no live lease holds it), so however many servers run, one
/// dispatcher publishes each row; it publishes each in turn and then marks the ones it published. Passes never overlap
/// in one process, and a pass stops at the first row whose publish fails (it counts an attempt, frees the rest of the
/// batch and waits for the next pass), so rows are never skipped or reordered by a dispatcher. Delivery is at least
/// once: a crash between publishing and marking publishes a row again once its lease ran out; subscribers re-read what
/// changed, so a duplicate is harmless.
/// </para>
/// <para>
/// A pass runs when a writer calls <see cref="Wake"/> after its commit (on a task of its own, coalescing wakes that
/// arrive during a pass), every <see cref="OutboxOptions.PollInterval"/> while the host runs it (for rows committed by a
/// process that died before publishing, or by another server), or when <see cref="DispatchPendingAsync"/> is awaited.
/// While hosted it also deletes dispatched rows older than <see cref="OutboxOptions.RetentionDays"/>
/// (<see cref="PurgeDispatchedAsync"/>).
/// </para>
/// <para>
/// It counts the rows it publishes and keeps, for the <c>barberpro.outbox.lag</c> gauge (<see cref="BarberProMetrics"/>),
/// when the oldest row it saw pending was committed: set from each batch it reads, cleared when a pass leaves nothing.
/// </para>
/// </summary>
public sealed class OutboxDispatcher(IDbContextFactory<BarberProDbContext> dbFactory, IOutboxPublisher publisher, IClock clock,
    OutboxOptions options, ILogger<OutboxDispatcher> logger, BarberProMetrics metrics) : BackgroundService, IOutboxSignal
{
    /// <summary>This dispatcher's name on the rows it claims (one per process and database).</summary>
    private readonly string _owner = Common.LeaseOwners.New();
    private readonly PendingAge _lag = new(metrics, clock);
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private int _wanted;
    private int _pumping;

    /// <summary>Starts a pass on the dispatcher's own task unless one is running, in which case that one runs once more. Returns at once.</summary>
    public void Wake()
    {
        Volatile.Write(ref _wanted, 1);
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
            _ = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        do
        {
            while (Interlocked.Exchange(ref _wanted, 0) == 1 && !_stopping.IsCancellationRequested)
            {
                try
                {
                    await DispatchPendingAsync(_stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    // The database is unreachable or the context was disposed; the next wake or poll tries again.
                    logger.LogWarning(e, "Outbox dispatch pass failed; rows stay pending for the next pass.");
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            Volatile.Write(ref _pumping, 0);
            // A wake that arrived after the last pass read its rows, but before the flag dropped, must not be lost.
        }
        while (Volatile.Read(ref _wanted) == 1 && Interlocked.CompareExchange(ref _pumping, 1, 0) == 0);
    }

    /// <summary>
    /// Publishes every row committed before the call that is not dispatched yet, in sequence order, and marks them; waits
    /// for a pass already running first. Returns how many rows this call published. A publish that throws stops the pass
    /// (the row's <see cref="OutboxMessage.Attempts"/> goes up and it stays pending).
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        await _pass.WaitAsync(ct);
        try
        {
            var published = 0;
            var after = long.MinValue; // within one pass, never read a row twice
            while (true)
            {
                List<OutboxMessage> batch;
                await using (var db = await dbFactory.CreateDbContextAsync(ct))
                {
                    var now = clock.GetCurrentInstant();
                    var leaseUntil = now + Duration.FromTimeSpan(options.LeaseDuration);
                    var from = after;
                    var free = db.Outbox
                        .Where(m => m.DispatchedAt == null && m.Sequence > from && (m.LeaseUntil == null || m.LeaseUntil < now))
                        .OrderBy(m => m.Sequence)
                        .Select(m => m.Sequence)
                        .Take(options.BatchSize);
                    // The conditions again on the updated row: on PostgreSQL a dispatcher that waited for another's
                    // UPDATE re-checks them on the row as the other left it, and skips it.
                    await db.Outbox
                        .Where(m => free.Contains(m.Sequence) && m.DispatchedAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, _owner).SetProperty(m => m.LeaseUntil, leaseUntil), ct);
                    batch = await db.Outbox.AsNoTracking()
                        .Where(m => m.LeaseOwner == _owner && m.DispatchedAt == null && m.Sequence > from)
                        .OrderBy(m => m.Sequence)
                        .ToListAsync(ct);
                }
                if (batch.Count == 0)
                {
                    _lag.OldestAt(null);
                    return published;
                }
                // Rows before this batch are dispatched: its first row is the oldest pending one.
                _lag.OldestAt(batch[0].OccurredAt);

                var done = new List<long>(batch.Count);
                OutboxMessage? failed = null;
                foreach (var message in batch)
                {
                    try
                    {
                        await publisher.PublishAsync(message.ToChange());
                        done.Add(message.Sequence);
                    }
                    catch (Exception e)
                    {
                        logger.LogWarning(e, "Publishing outbox row {Sequence} failed; it stays pending.", message.Sequence);
                        failed = message;
                        break;
                    }
                }
                await MarkAsync(done, failed?.Sequence, batch.Select(m => m.Sequence).Except(done).ToList());
                metrics.Dispatched(done.Count);
                after = batch[^1].Sequence;
                published += done.Count;
                if (failed is not null)
                {
                    _lag.OldestAt(failed.OccurredAt);
                    return published;
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>
    /// Not cancellable: rows already published are marked even while the host stops. Marks the published rows, counts
    /// an attempt on the failed one, and frees the failed and unpublished rows of the batch for the next pass.
    /// </summary>
    private async Task MarkAsync(List<long> dispatched, long? failed, List<long> unpublished)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var now = clock.GetCurrentInstant();
        if (dispatched.Count > 0)
        {
            await db.Outbox
                .Where(m => dispatched.Contains(m.Sequence) && m.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.DispatchedAt, (Instant?)now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (Instant?)null), CancellationToken.None);
        }
        if (failed is { } sequence)
        {
            await db.Outbox
                .Where(m => m.Sequence == sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
        }
        if (unpublished.Count > 0)
        {
            await db.Outbox
                .Where(m => unpublished.Contains(m.Sequence) && m.LeaseOwner == _owner)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (Instant?)null), CancellationToken.None);
        }
    }

    /// <summary>
    /// Deletes rows dispatched more than <see cref="OutboxOptions.RetentionDays"/> days ago (by the injected clock), oldest
    /// first, <see cref="OutboxOptions.PurgeBatchSize"/> per statement. Pending rows are never deleted. Returns how many went.
    /// </summary>
    public async Task<int> PurgeDispatchedAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetCurrentInstant() - Duration.FromDays(options.RetentionDays);
        var deleted = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var expired = db.Outbox
                .Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff)
                .OrderBy(m => m.Sequence)
                .Select(m => m.Sequence)
                .Take(options.PurgeBatchSize);
            var count = await db.Outbox.Where(m => expired.Contains(m.Sequence)).ExecuteDeleteAsync(ct);
            deleted += count;
            if (count < options.PurgeBatchSize)
                return deleted;
        }
    }

    /// <summary>Polls (a pass every <see cref="OutboxOptions.PollInterval"/>, the first at start-up) and purges expired rows every <see cref="OutboxOptions.PurgeInterval"/>.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = stoppingToken.Register(_stopping.Cancel);
        using var timer = new PeriodicTimer(options.PollInterval);
        var nextPurge = clock.GetCurrentInstant();
        try
        {
            do
            {
                Wake();
                if (clock.GetCurrentInstant() >= nextPurge)
                {
                    nextPurge = clock.GetCurrentInstant() + Duration.FromTimeSpan(options.PurgeInterval);
                    try
                    {
                        await PurgeDispatchedAsync(stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Deleting expired outbox rows failed; trying again later.");
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The commit time of the oldest row the last pass saw pending, read by the lag gauge (no query).</summary>
    private sealed class PendingAge
    {
        private long _oldestTicks = long.MaxValue;

        public PendingAge(BarberProMetrics metrics, IClock clock) => metrics.ObserveOutboxLag(() =>
        {
            var oldest = Volatile.Read(ref _oldestTicks);
            return oldest == long.MaxValue ? 0 : Math.Max(0, (clock.GetCurrentInstant() - Instant.FromUnixTimeTicks(oldest)).TotalSeconds);
        });

        public void OldestAt(Instant? occurredAt) => Volatile.Write(ref _oldestTicks, occurredAt?.ToUnixTimeTicks() ?? long.MaxValue);
    }

    public override void Dispose()
    {
        _stopping.Cancel();
        base.Dispose();
    }
}
