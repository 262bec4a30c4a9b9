using BarberPro.Domain.Bookings;
using BarberPro.Domain.Series;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Data;

/// <summary>
/// Series under contention, the same bodies on SQLite and PostgreSQL: real connections, racers released together by one
/// gate, and what was written counted afterwards in the database. A series is all or none.
/// </summary>
public abstract class SeriesRaceTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static async Task<T[]> RaceAsync<T>(int racers, Func<int, Task<T>> body)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await body(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static Instant Weekly(int week, int hour) => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(week).At(new LocalTime(hour, 0)));

    [Fact]
    public async Task EightCustomers_RaceForTheSameSeries_ExactlyOneGetsAllOfIt()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 8);
        var series = database.Services.GetRequiredService<SeriesService>();
        Instant[] starts = [Weekly(0, 10), Weekly(1, 10), Weekly(2, 10)];

        var outcomes = await RaceAsync(8, i => series.BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts),
            Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));

        Assert.Single(outcomes.OfType<SeriesOutcome.Succeeded>());
        Assert.Equal(7, outcomes.OfType<SeriesOutcome.Clashed>().Count());
        Assert.All(outcomes.OfType<SeriesOutcome.Clashed>(), c => Assert.Equal(starts, c.Clashes.Select(x => x.Start)));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.BookingSeries.CountAsync());
        Assert.Equal(3, await db.Bookings.CountAsync());
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task ASeriesAndASingleBooking_RaceForOneOccurrence_TheSeriesIsAllOrNone()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var series = database.Services.GetRequiredService<SeriesService>();
        foreach (var hour in new[] { 9, 11, 15, 17 })
        {
            Instant[] starts = [Weekly(0, hour), Weekly(1, hour), Weekly(2, hour), Weekly(3, hour)];
            var contested = starts[2];

            var outcomes = await RaceAsync(2, async i => i == 0
                ? (object)await series.BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts), Actor.Customer(TestAgenda.CustomerUserId))
                : await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, contested), Actor.Customer(TestAgenda.OtherCustomerUserId)));

            var seriesWon = outcomes[0] is SeriesOutcome.Succeeded;
            Assert.True(seriesWon ? outcomes[1] is BookingOutcome.Conflict : outcomes[0] is SeriesOutcome.Clashed && outcomes[1] is BookingOutcome.Succeeded,
                $"{outcomes[0]} / {outcomes[1]}");
            await using var db = database.NewContext();
            var ofSeries = await db.Bookings.CountAsync(b => b.SeriesId != null && starts.Contains(b.Start));
            Assert.Equal(seriesWon ? 4 : 0, ofSeries);
            Assert.Equal(1, await db.Bookings.CountAsync(b => b.Start == contested));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }
}

public sealed class SeriesRacesOnSqliteTests : SeriesRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SeriesRacesOnPostgreSqlTests : SeriesRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync(maxRetryCount: 5);
}
