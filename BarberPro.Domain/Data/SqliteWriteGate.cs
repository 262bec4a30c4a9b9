using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Domain.Data;

/// <summary>
/// One writer at a time, waited for asynchronously and for a bounded time. SQLite takes one write transaction at a
/// time, and a second writer waits in Microsoft.Data.Sqlite's synchronous busy loop, sleeping a pool thread until the
/// command timeout (30 s by default). Here every EF write — a transaction, a SaveChanges without one, an
/// ExecuteUpdate/ExecuteDelete — first waits in this process's gate (a <see cref="SemaphoreSlim"/>), then for a lock
/// another process holds (probing it without SQLite's busy handler, <see cref="Task.Delay(TimeSpan)"/> in between),
/// both together at most <see cref="DatabaseOptions.BusyTimeout"/>; then it throws <see cref="DatabaseBusyException"/>,
/// which the booking paths turn into a Busy outcome. SQLite's own synchronous wait is kept at one second (the
/// connection's default timeout) and is only met in the instant between the probe and the real BEGIN.
/// <para>
/// Before a write starts and before it commits, <see cref="DatabaseFileGuard"/> confirms the file on disk is still the
/// one this process opened; if not, <see cref="DatabaseUnavailableException"/>: nothing is acknowledged that a
/// restart would lose.
/// </para>
/// <para>
/// The gate is re-entrant per connection (SaveChanges inside a transaction, a transaction inside SaveChanges). It is
/// released when the transaction commits or rolls back, when the write ends, or when the connection closes; a
/// transaction disposed without either is noticed by the next waiter (its connection is gone).
/// </para>
/// </summary>
public sealed class SqliteWriteGate(DatabaseOptions options, DatabaseFileGuard guard, ILogger<SqliteWriteGate>? logger = null)
    : IDbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxProbeDelay = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _wait = options.BusyTimeout;
    private readonly ILogger _logger = logger ?? NullLogger<SqliteWriteGate>.Instance;
    private readonly ConditionalWeakTable<DbConnection, Hold> _holds = new();
    private readonly ConditionalWeakTable<DbTransaction, Hold> _byTransaction = new();
    private Hold? _holder;

    /// <summary>The file guard this gate asks before writes.</summary>
    public DatabaseFileGuard Guard => guard;

    private sealed class Hold
    {
        public int Depth;
        public DbTransaction? Transaction;

        /// <summary>Holds the gate for a transaction SQLite has already ended (disposed without commit or rollback).</summary>
        public bool IsStale => Depth == 1 && Transaction is { Connection: null };
    }

    // ---- transactions: the gate is taken before BEGIN and given back at COMMIT/ROLLBACK ----

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection sqlite || result.HasResult)
            return result;
        var deadline = Deadline();
        var hold = await EnterAsync(connection, deadline, cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForOtherProcessesAsync(sqlite, deadline, cancellationToken).ConfigureAwait(false);
            return InterceptionResult<DbTransaction>.SuppressWithResult(Begin(sqlite, eventData, hold));
        }
        catch
        {
            Exit(hold);
            throw;
        }
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        TransactionStartingAsync(connection, eventData, result).AsTask().GetAwaiter().GetResult();

    private DbTransaction Begin(SqliteConnection connection, TransactionStartingEventData eventData, Hold hold)
    {
        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            hold.Transaction = transaction;
            _byTransaction.AddOrUpdate(transaction, hold);
            return transaction;
        }
        catch (SqliteException e) when (DatabaseFaults.Classify(e) == DatabaseFault.Busy)
        {
            throw new DatabaseBusyException("Another process took the database's write lock.", e);
        }
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        EnsureSameFile();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        EnsureSameFile();
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    private void Ended(DbTransaction transaction)
    {
        if (_byTransaction.TryGetValue(transaction, out var hold))
        {
            _byTransaction.Remove(transaction);
            hold.Transaction = null;
            Exit(hold);
        }
    }

    // ---- SaveChanges without a transaction of the caller's (EF may run a single statement without one) ----

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && OwnWrite(context) is { } connection)
        {
            await EnterAsync(connection, Deadline(), cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SaveEnded(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SaveEnded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveEnded(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveEnded(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => SaveEnded(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveEnded(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The connection of a SaveChanges that is not part of a transaction someone began (then that one holds the gate).</summary>
    private static DbConnection? OwnWrite(DbContext context) =>
        context.Database.IsSqlite() && context.Database.CurrentTransaction is null ? context.Database.GetDbConnection() : null;

    private void SaveEnded(DbContext? context)
    {
        if (context is not null && OwnWrite(context) is { } connection && _holds.TryGetValue(connection, out var hold))
            Exit(hold);
    }

    // ---- statements outside a transaction: ExecuteUpdate, ExecuteDelete, raw SQL ----

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (command.Connection is SqliteConnection sqlite && command.Transaction is null)
        {
            var deadline = Deadline();
            var hold = await EnterAsync(sqlite, deadline, cancellationToken).ConfigureAwait(false);
            try
            {
                if (hold.Depth == 1)
                    await WaitForOtherProcessesAsync(sqlite, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Exit(hold);
                throw;
            }
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        NonQueryExecutingAsync(command, eventData, result).AsTask().GetAwaiter().GetResult();

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        StatementEnded(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        StatementEnded(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery)
            StatementEnded(command);
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData)
    {
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery)
            StatementEnded(command);
    }

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandCanceled(command, eventData);
        return Task.CompletedTask;
    }

    private void StatementEnded(DbCommand command)
    {
        if (command.Connection is SqliteConnection connection && command.Transaction is null && _holds.TryGetValue(connection, out var hold))
            Exit(hold);
    }

    // ---- a closed connection holds nothing ----

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Abandon(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Abandon(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Abandon(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Abandon(connection);
        return Task.CompletedTask;
    }

    private void Abandon(DbConnection connection)
    {
        if (_holds.TryGetValue(connection, out var hold) && hold.Depth > 0)
        {
            hold.Depth = 1;
            hold.Transaction = null;
            Exit(hold);
        }
    }

    // ---- the gate ----

    private long Deadline() => Stopwatch.GetTimestamp() + (long)(_wait.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Remaining(long deadline) =>
        TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    private async ValueTask<Hold> EnterAsync(DbConnection connection, long deadline, CancellationToken ct)
    {
        var hold = _holds.GetOrCreateValue(connection);
        if (hold.Depth > 0 && ReferenceEquals(Volatile.Read(ref _holder), hold) && !hold.IsStale)
        {
            hold.Depth++;
            return hold;
        }
        if (hold.IsStale)
            Release(hold);
        hold.Depth = 0;
        hold.Transaction = null;

        // One wait for the whole bounded time, so writers are served in the order they arrived (SemaphoreSlim wakes its
        // async waiters first in, first out) the moment the holder lets go; every PollEvery the waiter only looks whether
        // the holder's transaction ended without commit or rollback, without giving up its place in the queue.
        var entered = _gate.WaitAsync(Remaining(deadline), ct);
        while (!entered.IsCompleted)
        {
            await Task.WhenAny(entered, Task.Delay(PollEvery, CancellationToken.None)).ConfigureAwait(false);
            if (!entered.IsCompleted && Volatile.Read(ref _holder) is { IsStale: true } stale)
            {
                _logger.LogWarning("A database transaction ended without commit or rollback; releasing the write gate it held.");
                Release(stale);
            }
        }
        if (!await entered.ConfigureAwait(false))
        {
            _logger.LogWarning("A database write waited {Seconds} s for the app's other writers; answering busy.", _wait.TotalSeconds);
            throw new DatabaseBusyException($"The database was busy with other writes for {_wait.TotalSeconds} s.");
        }

        hold.Depth = 1;
        Volatile.Write(ref _holder, hold);
        try
        {
            EnsureSameFile();
        }
        catch
        {
            Exit(hold);
            throw;
        }
        return hold;
    }

    private void Exit(Hold hold)
    {
        if (hold.Depth > 1)
        {
            hold.Depth--;
            return;
        }
        hold.Depth = 0;
        hold.Transaction = null;
        Release(hold);
    }

    private void Release(Hold hold)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _holder, null, hold), hold))
            _gate.Release();
    }

    private void EnsureSameFile()
    {
        if (guard.Check() is { } problem)
        {
            _logger.LogCritical("Refusing a database write: {Problem}", problem);
            throw new DatabaseUnavailableException(problem);
        }
    }

    /// <summary>
    /// Waits, without holding a thread, until no other process holds the write lock: tries BEGIN IMMEDIATE on the raw
    /// handle with no busy handler (it answers at once) and gives it straight back. Any other error is left for the real
    /// statement to report.
    /// </summary>
    private async ValueTask WaitForOtherProcessesAsync(SqliteConnection connection, long deadline, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open || connection.Handle is not { } handle)
            return;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var rc = SQLitePCL.raw.sqlite3_exec(handle, "BEGIN IMMEDIATE;");
            if (rc == SQLitePCL.raw.SQLITE_OK)
            {
                SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK;");
                return;
            }
            if (rc is not (SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED))
                return;
            var remaining = Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                _logger.LogWarning("Another process held the database's write lock for {Seconds} s; answering busy.", _wait.TotalSeconds);
                throw new DatabaseBusyException($"Another process held the database's write lock for {_wait.TotalSeconds} s.");
            }
            await Task.Delay(delay < remaining ? delay : remaining, ct).ConfigureAwait(false);
            delay = delay * 2 < MaxProbeDelay ? delay * 2 : MaxProbeDelay;
        }
    }
}
