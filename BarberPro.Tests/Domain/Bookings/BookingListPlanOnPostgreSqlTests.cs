using System.Data.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit.Abstractions;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// The owner's list on PostgreSQL with a history (3,000 bookings over 300 days, statistics gathered): EXPLAIN of the very
/// statement the list ran, on its own connection, shows the range seek on (ShopId, Start) and no sequential scan of
/// the bookings.
/// </summary>
public sealed class BookingListPlanOnPostgreSqlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OwnersList_IsAnIndexRangeOnShopAndStart_NotASeqScan()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await using (var db = database.NewContext())
        {
            var shop = await db.Shops.SingleAsync(s => s.Id == agenda.Shop.Id);
            var barber = await db.Providers.SingleAsync(p => p.Id == agenda.Barber.Id);
            var haircut = await db.Offerings.SingleAsync(o => o.Id == agenda.Haircut.Id);
            var customer = await db.Customers.SingleAsync(c => c.Id == agenda.Customer.Id);
            var first = TestAgenda.TuesdayAt(9) - Duration.FromDays(200);
            for (var i = 0; i < 3000; i++)
                db.Bookings.Add(new Booking(shop, barber, haircut, customer, first + Duration.FromHours(2.4 * i), null,
                    Actor.Customer(TestAgenda.CustomerUserId), first - Duration.FromDays(1)));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Bookings\"");
        }
        var explain = new ExplainBookingList();
        var queries = new BookingQueries(new InterceptedFactory(database, explain));

        var page = await queries.ListPageAsync([Actor.Owner(TestAgenda.OwnerUserId)], new Interval(TestAgenda.TuesdayAt(0), TestAgenda.TuesdayAt(0) + Duration.FromDays(2)),
            null, null, 100);

        Assert.NotEmpty(page.Items);
        output.WriteLine(string.Join("\n", explain.Plan));
        Assert.Contains(explain.Plan, line => line.Contains("IX_Bookings_ShopId_Start", StringComparison.Ordinal));
        Assert.DoesNotContain(explain.Plan, line => line.Contains("Seq Scan on \"Bookings\"", StringComparison.Ordinal));
    }

    /// <summary>Runs EXPLAIN of the list's statement (the page, with its LIMIT) on its connection, with its parameters.</summary>
    private sealed class ExplainBookingList : DbCommandInterceptor
    {
        public List<string> Plan { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Plan.Count == 0 && command is NpgsqlCommand npgsql && command.CommandText.Contains("FROM \"Bookings\"", StringComparison.Ordinal)
                && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
            {
                await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, npgsql.Connection, npgsql.Transaction);
                foreach (NpgsqlParameter p in npgsql.Parameters)
                    explain.Parameters.Add(p.Clone());
                await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    Plan.Add(reader.GetString(0));
            }
            return result;
        }
    }
}
