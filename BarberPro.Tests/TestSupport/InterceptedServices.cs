using System.Data.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// Contexts on a <see cref="TestDatabase"/>'s database configured as the app configures them, plus one interceptor,
/// and a <see cref="BookingService"/> that writes through them: lets a race test stop one writer at a chosen statement.
/// </summary>
public sealed class InterceptedFactory(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<BarberProDbContext>
{
    public BarberProDbContext CreateDbContext()
    {
        var options = new DatabaseOptions { Provider = database.Provider.ToString(), MaxRetryCount = 0 };
        switch (database)
        {
            case SqliteTestDatabase sqlite:
            {
                var builder = DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteBarberProDbContext>(),
                    DatabaseProvider.Sqlite, $"Data Source={sqlite.FilePath}", options);
                builder.AddInterceptors(interceptor);
                return new SqliteBarberProDbContext(builder.Options);
            }
            case PostgreSqlTestDatabase postgres:
            {
                var builder = DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgreSqlBarberProDbContext>(),
                    DatabaseProvider.PostgreSql, postgres.ConnectionString, options);
                builder.AddInterceptors(interceptor);
                return new PostgreSqlBarberProDbContext(builder.Options);
            }
            default:
                throw new NotSupportedException(database.Provider.ToString());
        }
    }

    public BookingService Bookings() =>
        new(this, database.Availability, new AgendaWriter(this, database.Clock, database.Outbox, NullLogger<AgendaWriter>.Instance, database.Metrics),
            database.Metrics);
}

/// <summary>
/// Holds the first reader command whose SQL reads <c>"Bookings"</c> until <see cref="Release"/>: the writer has then
/// started its transaction and (on the pipeline) taken its lock, and is about to read the booking.
/// </summary>
public sealed class PauseAtFirstBookingRead : DbCommandInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _paused;

    public Task Reached => _reached.Task;

    public void Release() => _release.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"Bookings\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _paused, 1) == 0)
        {
            _reached.TrySetResult();
            await _release.Task;
        }
        return result;
    }
}

/// <summary>Signals when a context starts a transaction (on SQLite: BEGIN IMMEDIATE, which waits while another writer holds the lock).</summary>
public sealed class SignalOnTransactionStart : DbTransactionInterceptor
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        _started.TrySetResult();
        return ValueTask.FromResult(result);
    }
}
