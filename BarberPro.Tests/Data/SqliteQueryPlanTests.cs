using System.Data.Common;
using System.Diagnostics;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Data;

/// <summary>
/// The queries pages run often, as the app sends them, through SQLite's EXPLAIN QUERY PLAN: each reaches the bookings
/// through an index instead of scanning the table.
/// </summary>
public sealed class SqliteQueryPlanTests
{
    [Theory]
    [InlineData("customer")] // Mis turnos
    [InlineData("provider")] // a barber's list
    [InlineData("owner")]    // the owner's list
    [InlineData("customer+provider")] // a barber who also books as a customer
    public async Task BookingList_ReachesBookingsThroughAnIndex(string roles)
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var userId = roles.StartsWith("owner", StringComparison.Ordinal) ? TestAgenda.OwnerUserId
            : roles.StartsWith("provider", StringComparison.Ordinal) ? TestAgenda.BarberUserId : TestAgenda.CustomerUserId;
        var actors = roles.Split('+').Select(r => r switch
        {
            "customer" => Actor.Customer(userId),
            "provider" => Actor.Provider(userId),
            _ => Actor.Owner(userId),
        }).ToList();
        var queries = database.Services.GetRequiredService<BookingQueries>();

        using var recorder = new CommandRecorder(database.FilePath);
        await queries.ListAsync(actors, new Interval(TestAgenda.DefaultNow, TestAgenda.DefaultNow + Duration.FromDays(30)));

        var command = Assert.Single(recorder.Commands, c => c.Text.Contains("FROM \"Bookings\"", StringComparison.Ordinal));
        var plan = await ExplainAsync(database.FilePath, command);
        // "SCAN b" (or "SCAN b USING INDEX …") reads every booking; "SCAN b0" is the 500-row page EF wraps around it.
        Assert.DoesNotContain(plan, line => line == "SCAN b" || line.StartsWith("SCAN b ", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("USING INDEX IX_Bookings_", StringComparison.Ordinal));
    }

    private static async Task<List<string>> ExplainAsync(string file, RecordedCommand command)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(reader.GetOrdinal("detail")));
        return lines;
    }

    private sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>Records the commands EF sends to one SQLite file, through EF's diagnostic events.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _file;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<RecordedCommand> _commands = [];

        public CommandRecorder(string file)
        {
            _file = file;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public IReadOnlyList<RecordedCommand> Commands
        {
            get
            {
                lock (_commands)
                    return [.. _commands];
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData { Command: DbCommand command })
                return;
            if (command.Connection is not SqliteConnection { DataSource: var source } || source != _file)
                return;
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (_commands)
                _commands.Add(new RecordedCommand(command.CommandText, parameters));
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                    subscription.Dispose();
            }
        }
    }
}
