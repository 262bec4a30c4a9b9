using System.Data.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// The booking lists ask SQLite for range seeks on the (ShopId, Start), (ProviderId, Start) and (CustomerId, Start)
/// indexes, one per scope, and never scan the bookings: the plan of the very statement the list ran, read with
/// EXPLAIN QUERY PLAN.
/// </summary>
public sealed class BookingListPlanTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("owner", "IX_Bookings_ShopId_Start")]
    [InlineData("provider", "IX_Bookings_ProviderId_Start")]
    [InlineData("customer", "IX_Bookings_CustomerId_Start")]
    public async Task List_OfEachScope_IsARangeSeekOnItsIndex(string role, string index)
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));
        var capture = new CaptureBookingSelect();
        var queries = new BookingQueries(new InterceptedFactory(database, capture));
        Actor actor = role switch
        {
            "owner" => Actor.Owner(TestAgenda.OwnerUserId),
            "provider" => Actor.Provider(TestAgenda.BarberUserId),
            _ => Actor.Customer(TestAgenda.CustomerUserId),
        };

        var page = await queries.ListPageAsync([actor], new Interval(TestAgenda.TuesdayAt(0), TestAgenda.TuesdayAt(23)), null,
            new BookingCursor(TestAgenda.TuesdayAt(0), Guid.Empty), 100);

        Assert.Single(page.Items);
        var plan = await PlanAsync(database, capture.Command!);
        output.WriteLine(capture.Command!.CommandText + "\n\n" + string.Join("\n", plan));
        Assert.Contains(plan, line => line.Contains("SEARCH", StringComparison.Ordinal) && line.Contains(index, StringComparison.Ordinal)
            && line.Contains("Start>?", StringComparison.Ordinal));
        // b0 is the page (a co-routine over the seek); b, the bookings table, is never scanned. Ties on Start are sorted
        // as they come ("TEMP B-TREE FOR LAST TERM"), so the seek stops at the page's limit.
        Assert.DoesNotContain(plan, line => line == "SCAN b" || line.StartsWith("SCAN b ", StringComparison.Ordinal)
            || line.Contains("SCAN Bookings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_OfSeveralScopes_IsOneRangeSeekPerScope_AndThePageByPrimaryKey()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));
        var capture = new CaptureBookingSelect();
        var queries = new BookingQueries(new InterceptedFactory(database, capture));

        // The owner's user also holding the barber's role (one person, two roles) is two scopes.
        await using (var db = database.NewContext())
            await db.Providers.Where(p => p.Id == agenda.Barber.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.UserId, TestAgenda.OwnerUserId));
        var page = await queries.ListPageAsync([Actor.Owner(TestAgenda.OwnerUserId), Actor.Provider(TestAgenda.OwnerUserId)],
            new Interval(TestAgenda.TuesdayAt(0), TestAgenda.TuesdayAt(23)), null, null, 100);

        Assert.Single(page.Items);
        var plan = await PlanAsync(database, capture.Command!);
        output.WriteLine(capture.Command!.CommandText + "\n\n" + string.Join("\n", plan));
        Assert.Contains(plan, line => line.StartsWith("SEARCH b USING INDEX sqlite_autoindex_Bookings_1 (Id=?)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("IX_Bookings_ShopId_Start (ShopId=? AND Start>? AND Start<?)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("IX_Bookings_ProviderId_Start (ProviderId=? AND Start>? AND Start<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line is "SCAN b" or "SCAN b0" or "SCAN b1" || line.StartsWith("SCAN b ", StringComparison.Ordinal)
            || line.Contains("SCAN Bookings", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(SqliteTestDatabase database, DbCommand command)
    {
        await using var connection = new SqliteConnection($"Data Source={database.FilePath}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (DbParameter p in command.Parameters)
            explain.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value));
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(3));
        return lines;
    }

    /// <summary>Keeps a copy of the list's statement (the one that reads the page's bookings with their shop).</summary>
    private sealed class CaptureBookingSelect : DbCommandInterceptor
    {
        public DbCommand? Command { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Command is null && command.CommandText.Contains("FROM \"Bookings\"", StringComparison.Ordinal)
                && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
            {
                var copy = new SqliteCommand(command.CommandText);
                foreach (DbParameter p in command.Parameters)
                    copy.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value));
                Command = copy;
            }
            return ValueTask.FromResult(result);
        }
    }
}
