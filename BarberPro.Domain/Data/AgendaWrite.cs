using System.Data;
using BarberPro.Domain.Common;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace BarberPro.Domain.Data;

/// <summary>Which provider calendars an agenda write locks before it reads anything.</summary>
public abstract record AgendaLock
{
    private AgendaLock() { }

    /// <summary>One provider's calendar.</summary>
    public sealed record Provider(Guid ProviderId) : AgendaLock;

    /// <summary>The calendar of the provider a booking belongs to (a booking never changes provider).</summary>
    public sealed record OfBooking(Guid BookingId) : AgendaLock;

    /// <summary>Every calendar of a shop's providers (shop closures).</summary>
    public sealed record Shop(Guid ShopId) : AgendaLock;

    /// <summary>
    /// Takes the lock: <c>UPDATE "ProviderCalendars" SET "Version" = "Version" + 1, "LastChangedAt" = @now WHERE …</c>.
    /// The row lock it takes is held to the end of the transaction on PostgreSQL and SQL Server, so every agenda writer
    /// of the provider queues here before it reads; on SQLite the transaction already holds the database's only write
    /// lock (BEGIN IMMEDIATE). Returns how many calendars were locked (0: the provider or booking does not exist).
    /// </summary>
    internal Task<int> TakeAsync(BarberProDbContext db, Instant now, CancellationToken ct)
    {
        var calendars = this switch
        {
            Provider p => db.ProviderCalendars.Where(c => c.ProviderId == p.ProviderId),
            OfBooking b => db.ProviderCalendars.Where(c => db.Bookings.Any(x => x.Id == b.BookingId && x.ProviderId == c.ProviderId)),
            Shop s => db.ProviderCalendars.Where(c => db.Providers.Any(p => p.Id == c.ProviderId && p.ShopId == s.ShopId)),
            _ => throw new InvalidOperationException(),
        };
        return calendars.ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Version, c => c.Version + 1)
            .SetProperty(c => c.LastChangedAt, now), ct);
    }

    /// <summary>The lock's id as a logging scope and span tag (<c>ProviderId</c>, <c>BookingId</c> or <c>ShopId</c>).</summary>
    internal KeyValuePair<string, object?> Scope => this switch
    {
        Provider p => new("ProviderId", p.ProviderId),
        OfBooking b => new("BookingId", b.BookingId),
        Shop s => new("ShopId", s.ShopId),
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>What one attempt of an agenda write decided: commit what it changed, or end without writing.</summary>
public readonly record struct AgendaDecision<T>(T Value, bool Commit)
{
    public static AgendaDecision<T> Write(T value) => new(value, true);
    public static AgendaDecision<T> Stop(T value) => new(value, false);
}

/// <summary>
/// How an agenda write ended: <see cref="Done"/> with the attempt's value; <see cref="Fault"/> <see cref="DatabaseFault.Busy"/>
/// when retries ran out or the write gate's bounded wait did, <see cref="DatabaseFault.Unavailable"/> when the database
/// cannot take writes at all (its file gone). Nothing was written unless <see cref="Committed"/>.
/// </summary>
public readonly record struct AgendaWriteResult<T>(T? Value, DatabaseFault? Fault, bool Committed)
{
    public bool Done => Fault is null;
}

/// <summary>
/// The one write path of the agenda (bookings, moves, status changes, hours, overrides, time off, shop closures):
/// <list type="number">
/// <item>a fresh context and a transaction, run by the provider's execution strategy
/// (<c>CreateExecutionStrategy().ExecuteAsync</c>, so <c>EnableRetryOnFailure</c> works on PostgreSQL and SQL Server);</item>
/// <item>isolation pinned: READ COMMITTED on PostgreSQL and SQL Server — enough, because the first statement takes the
/// calendar row lock (<see cref="AgendaLock"/>) and every later statement reads what committed before the lock was
/// granted, so nothing the write decides on can be stale; SQLite's transaction is BEGIN IMMEDIATE (serializable, one
/// writer in the whole database);</item>
/// <item>lock first, then the attempt reads, decides with the engine and changes entities; SaveChanges; commit;</item>
/// <item>serialization failures (40001), deadlocks (40P01, SQL Server 1205), lock timeouts, a stale booking version
/// (<see cref="DbUpdateConcurrencyException"/>) and SQLite busy/locked are retried from the top with jittered
/// backoff, at most <see cref="MaxAttempts"/> times; then the caller gets <c>Busy</c> (API 503 + Retry-After, a page
/// message), never "taken" and never an exception.</item>
/// </list>
/// Anything to do after the write (computing alternatives for a conflict) runs after this returns, outside the
/// transaction and the lock. A database that cannot take the write in time (<see cref="SqliteWriteGate"/>'s bounded
/// wait) or at all is answered at once, without retrying.
/// The outbox rows an attempt adds commit with its change; after the commit the writer wakes the outbox dispatcher, which
/// publishes them (docs/decisions/0007).
/// <para>
/// Observability: every log line of a write is in a scope with the locked id (<see cref="AgendaLock.Scope"/>); each
/// committed change to a booking is logged with its <c>BookingId</c> and <c>ShopId</c> and counted
/// (<see cref="BarberProMetrics"/>), as are retries and busy answers; a write is one <c>agenda.write</c> span.
/// </para>
/// </summary>
public sealed class AgendaWriter(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, IOutboxSignal outbox, ILogger<AgendaWriter> logger,
    BarberProMetrics metrics)
{
    public const int MaxAttempts = 6;


    public async Task<AgendaWriteResult<T>> RunAsync<T>(AgendaLock agendaLock,
        Func<BarberProDbContext, Instant, Task<AgendaDecision<T>>> attempt, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new[] { agendaLock.Scope });
        using var span = BarberProMetrics.ActivitySource.StartActivity("agenda.write");
        span?.SetTag("barberpro.lock." + agendaLock.Scope.Key, agendaLock.Scope.Value);
        // The strategy reads its context while it runs: keep that one context for every attempt.
        await using var strategyContext = await dbFactory.CreateDbContextAsync(ct);
        var strategy = strategyContext.Database.CreateExecutionStrategy();
        for (var n = 1; ; n++)
        {
            try
            {
                var decision = await strategy.ExecuteAsync(() => OnceAsync(agendaLock, attempt, ct));
                if (decision.Commit)
                    outbox.Wake();
                span?.SetTag("barberpro.attempts", n).SetTag("barberpro.committed", decision.Commit);
                return new AgendaWriteResult<T>(decision.Value, null, decision.Commit);
            }
            catch (Exception e) when (!IsRetryable(e) && DatabaseFaults.Classify(e) is { } fault && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Agenda write not taken by the database ({Fault}).", fault);
                metrics.Busy(fault);
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, fault.ToString());
                return new AgendaWriteResult<T>(default, fault, false);
            }
            catch (Exception e) when (IsRetryable(e) && !ct.IsCancellationRequested)
            {
                if (n >= MaxAttempts)
                {
                    logger.LogWarning(e, "Agenda write still contended after {Attempts} attempts; answering busy.", n);
                    metrics.Busy(DatabaseFault.Busy);
                    span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, nameof(DatabaseFault.Busy));
                    return new AgendaWriteResult<T>(default, DatabaseFault.Busy, false);
                }
                logger.LogInformation("Agenda write contended (attempt {Attempt}: {Reason}); retrying.", n, e.GetType().Name);
                metrics.Retried();
                await Task.Delay(Backoff(n), ct);
            }
        }
    }

    private async Task<AgendaDecision<T>> OnceAsync<T>(AgendaLock agendaLock,
        Func<BarberProDbContext, Instant, Task<AgendaDecision<T>>> attempt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isolation = db.Database.IsSqlite() ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted;
        await using var tx = await db.Database.BeginTransactionAsync(isolation, ct);
        if (db.Database.IsNpgsql())
            // A writer waits for the calendar lock this long, then fails with 55P03 and is retried (then busy), instead of
            // queueing until the command timeout turns into an error.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '2s'", ct);
        var now = clock.GetCurrentInstant();
        await agendaLock.TakeAsync(db, now, ct);
        var decision = await attempt(db, now);
        if (!decision.Commit)
        {
            await tx.RollbackAsync(ct);
            return decision;
        }
        var changes = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Committed(changes);
        return decision;
    }

    /// <summary>Logs and counts each booking change a transaction committed, from its outbox rows.</summary>
    private void Committed(List<OutboxMessage> changes)
    {
        metrics.Committed(changes);
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        foreach (var row in changes)
        {
            if (row.BookingId is { } bookingId && BarberProMetrics.ChangeOf(row) is { } change)
                logger.LogInformation("Booking {BookingId} of shop {ShopId} {Change} (provider {ProviderId}, starts {Start}).",
                    bookingId, row.ShopId, change, row.ProviderId, row.Start);
        }
    }

    /// <summary>Jittered exponential backoff: up to 10, 20, 40, 80… ms (capped at 400), never all retrying in step.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(400, 10 << (attempt - 1))));

    /// <summary>Errors that mean "someone else was writing", not "this write is wrong": retried from the top.</summary>
    public static bool IsRetryable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case DbUpdateConcurrencyException:
                case RetryLimitExceededException:
                // 23505/2627/2601: a key another writer inserted first (two requests with one idempotency key for
                // different providers); the retry reads it.
                case PostgresException { SqlState: "40001" or "40P01" or "55P03" or "23P01" or "23505" }:
                case SqliteException { SqliteErrorCode: DatabaseFaults.SqliteBusy or DatabaseFaults.SqliteLocked }:
                case Microsoft.Data.SqlClient.SqlException { Number: 1205 or 1222 or 2627 or 2601 }:
                    return true;
            }
        }
        return false;
    }
}
