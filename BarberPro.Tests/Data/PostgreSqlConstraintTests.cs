using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Npgsql;

namespace BarberPro.Tests.Data;

/// <summary>
/// PostgreSQL's exclusion constraint EX_Bookings_NoOverlap, the database's own refusal of a double booking, probed
/// with raw SQL that bypasses every rule of the application.
/// </summary>
public sealed class PostgreSqlConstraintTests
{
    [Fact]
    public async Task OverlappingBlockingRow_InsertedWithRawSql_IsRefusedByTheDatabase()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var booked = await BookAsync(database, TestAgenda.TuesdayAt(10));

        // 10:20 starts inside 10:00–10:35 (30 minutes plus 5 of cleanup).
        var error = await Assert.ThrowsAsync<PostgresException>(() => CopyAsync(database, booked, TestAgenda.TuesdayAt(10, 20), "Confirmed"));

        Assert.Equal(PostgresErrorCodes.ExclusionViolation, error.SqlState);
        Assert.Equal("EX_Bookings_NoOverlap", error.ConstraintName);
    }

    [Theory]
    [InlineData(10, 35, "Pending")] // back to back: blocked spans are half-open
    [InlineData(10, 20, "Cancelled")] // a cancelled booking blocks nothing
    [InlineData(10, 20, "NoShow")]
    public async Task RowThatBlocksNothingTaken_InsertedWithRawSql_IsAccepted(int hour, int minute, string status)
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var booked = await BookAsync(database, TestAgenda.TuesdayAt(10));

        await CopyAsync(database, booked, TestAgenda.TuesdayAt(hour, minute), status);
    }

    [Fact]
    public async Task SameTime_OnAnotherBarber_IsAccepted()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var booked = await BookAsync(database, TestAgenda.TuesdayAt(10));
        Guid otherBarber;
        await using (var db = database.NewContext())
            otherBarber = db.Providers.Single(p => p.UserId == TestAgenda.OtherBarberUserId).Id;

        await CopyAsync(database, booked, TestAgenda.TuesdayAt(10), "Confirmed", otherBarber);
    }

    private static async Task<Booking> BookAsync(PostgreSqlTestDatabase database, Instant start)
    {
        var agenda = await TestAgenda.SeedAsync(database);
        var outcome = await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.CustomerUserId));
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
    }

    /// <summary>Inserts a copy of <paramref name="booking"/> moved to <paramref name="start"/>, with plain SQL.</summary>
    private static async Task CopyAsync(PostgreSqlTestDatabase database, Booking booking, Instant start, string status, Guid? providerId = null)
    {
        var shift = (start - booking.Start).BclCompatibleTicks;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "Bookings" ("Id", "ShopId", "ProviderId", "OfferingId", "CustomerId", "Start", "End", "BlockedStart",
                "BlockedEnd", "LocalStartDate", "Status", "Price", "Currency", "Notes", "CreatedAt", "UpdatedAt")
            SELECT @id, "ShopId", @provider, "OfferingId", "CustomerId", "Start" + @shift, "End" + @shift, "BlockedStart" + @shift,
                "BlockedEnd" + @shift, "LocalStartDate", @status, "Price", "Currency", 'raw SQL', "CreatedAt", "UpdatedAt"
            FROM "Bookings" WHERE "Id" = @source
            """, connection);
        command.Parameters.AddWithValue("id", Guid.NewGuid());
        command.Parameters.AddWithValue("provider", providerId ?? booking.ProviderId);
        command.Parameters.AddWithValue("shift", shift);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("source", booking.Id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
