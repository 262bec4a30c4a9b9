using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Sessions;

/// <summary>
/// Capacity under real concurrency: 64 customers, each on their own connection, released together by one gate, join a
/// session of 5; the participants are counted in the database afterwards, not from the services' answers.
/// </summary>
public abstract class SessionRaceTests
{
    private const int Racers = 64;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task SixtyFourConcurrentJoins_OfACapacityFiveSession_GiveExactlyFiveParticipants()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: Racers);
        var offering = await SessionTestSupport.AddClassAsync(database, agenda, capacity: 5);
        var session = await SessionTestSupport.OpenAsync(database, agenda, offering, TestAgenda.TuesdayAt(15));

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await database.Sessions().JoinAsync(session.Id, Actor.Customer(TestAgenda.ExtraCustomerUserId(i)));
        })).ToArray();
        gate.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Equal(5, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
        Assert.Equal(5, outcomes.Count(o => o is BookingOutcome.Succeeded));
        // Everyone else was told the session is full (or, under contention that outlasted every retry, to try again).
        Assert.All(outcomes.Where(o => o is not BookingOutcome.Succeeded), o =>
            Assert.True(o is BookingOutcome.Rejected { Error.Code: "session.full" } or BookingOutcome.Busy, o.ToString()));
        Assert.Contains(outcomes, o => o is BookingOutcome.Rejected { Error.Code: "session.full" });
        // Five different customers, one seat each.
        await using var db = database.NewContext();
        Assert.Equal(5, await db.Bookings.ThatAreActive().Where(b => b.SessionId == session.Id).Select(b => b.CustomerId).Distinct().CountAsync());
    }
}

public sealed class SessionRacesOnSqliteTests : SessionRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

/// <summary>On PostgreSQL with the app's retrying execution strategy on, as in production.</summary>
public sealed class SessionRacesOnPostgreSqlTests : SessionRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync(maxRetryCount: 5);
}
