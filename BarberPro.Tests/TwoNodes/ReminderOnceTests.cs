using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace BarberPro.Tests.TwoNodes;

/// <summary>
/// A reminder that comes due while both nodes run is sent once: a booking made so that its "2 hours before" reminder
/// (the demo shop's <c>SecondReminderHours</c>) falls a minute or so from now — with a barber hired for the test through
/// the API, whose hours that day are set to start exactly then — and, after the next run of the sender that follows the send, the database
/// holds one reminder per channel the customer has (WhatsApp and email by default), each sent once (one attempt) by the
/// record-only channel (no provider keys: its message id is "local-" and the notification's id).
/// The nodes run the planner and sender every 5 s (Jobs:Schedules, set by scripts/two-nodes.sh).
/// </summary>
[Trait("Category", TwoNodesDeployment.Category)]
[Trait(TwoNodesDeployment.Phase, TwoNodesDeployment.BothUp)]
public sealed class ReminderOnceTests(ITestOutputHelper output)
{
    /// <summary>A hang guard: the reminder is due within about 80 s and the sender runs every 5 s.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private sealed record ReminderRow(string Channel, string Status, int Attempts, string? ProviderMessageId, Guid Id, long? SentAt);

    [Fact]
    public async Task AReminderDueWhileTwoNodesRun_IsSentOncePerChannel_ByTheRecordOnlyChannel()
    {
        var deployment = TwoNodesDeployment.Current;
        var demo = await deployment.DemoAsync();
        var owner = await deployment.TokenAsync(deployment.Proxy, "owner@barberpro.local");
        var customer = (await deployment.RegisterCustomersAsync(1, "recordatorio"))[0];

        // The start: the first whole minute at least 2 h 20 s from now (the reminder 2 h before is then due in 20–80 s, after
        // the planner has seen the booking). When that start leaves no 35 minutes before midnight, the reminder 1 h before instead.
        var zone = TwoNodesDeployment.BuenosAires;
        var hours = 2;
        LocalDateTime start;
        while (true)
        {
            var earliest = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromHours(hours) + Duration.FromSeconds(20)).InZone(zone).LocalDateTime;
            start = earliest.Date.At(new LocalTime(earliest.Hour, earliest.Minute)).PlusMinutes(1);
            if (start.TimeOfDay <= new LocalTime(23, 20) || hours == 1)
                break;
            hours = 1;
        }
        if (hours != 2)
            await deployment.ScalarAsync("""UPDATE "Shops" SET "SecondReminderHours" = 1 WHERE "Slug" = 'barberpro-palermo'""");

        // A new barber (no bookings to be in the way), through the owner's API, who works that day exactly from the
        // start for 40 minutes (an override of his hours, as the owner sets one).
        using var asOwner = TwoNodesDeployment.Client(deployment.NodeA, owner);
        var hired = await asOwner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/providers", new
        {
            fullName = "Barbero Recordatorio", email = $"recordatorio-{Guid.NewGuid():N}@example.com", phone = "+5491123456789",
            password = "BarberPro2026!", serviceIds = new[] { demo.Corte },
        });
        Assert.True(hired.StatusCode == HttpStatusCode.Created, $"{(int)hired.StatusCode} {await hired.Content.ReadAsStringAsync()}");
        var barber = (await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var from = start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        var to = start.TimeOfDay.PlusMinutes(40).ToString("HH:mm", CultureInfo.InvariantCulture);
        var hoursSet = await asOwner.PutAsJsonAsync($"/api/v1/providers/{barber}/date-overrides/{start.Date:yyyy-MM-dd}",
            new { ranges = new[] { new { start = from, end = to } }, note = "prueba de recordatorio" });
        Assert.True(hoursSet.IsSuccessStatusCode, $"{(int)hoursSet.StatusCode} {await hoursSet.Content.ReadAsStringAsync()}");

        using var asCustomer = TwoNodesDeployment.Client(deployment.NodeB, customer);
        var startTime = start.InZoneLeniently(zone).ToOffsetDateTime().ToDateTimeOffset();
        var booked = await asCustomer.PostAsJsonAsync("/api/v1/bookings",
            new { providerId = barber, serviceId = demo.Corte, startTime = TwoNodesDeployment.Iso(startTime) });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, $"{(int)booked.StatusCode} {await booked.Content.ReadAsStringAsync()}");
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bookedAt = SystemClock.Instance.GetCurrentInstant();

        using var guard = new CancellationTokenSource(Bound);
        List<ReminderRow> rows;
        // Until every reminder of the booking is sent (polling the database once a second: the nodes are other processes).
        while (true)
        {
            rows = await RemindersAsync(deployment, bookingId);
            if (rows.Count > 0 && rows.All(r => r.Status == "Sent"))
                break;
            await Task.Delay(TimeSpan.FromSeconds(1), guard.Token);
        }
        var sentAt = Instant.FromUnixTimeTicks(rows.Max(r => r.SentAt!.Value));
        // Then until a run of the sender that started after the last send has finished (Hangfire's record of the
        // recurring job in the shared storage): a second send by either node would have happened by then.
        while (await LastSenderRunAsync(deployment) is not { } last || last <= sentAt.Plus(Duration.FromSeconds(1)))
            await Task.Delay(TimeSpan.FromSeconds(1), guard.Token);
        rows = await RemindersAsync(deployment, bookingId);

        var dueAt = startTime.AddHours(-hours);
        var report = $"reminder ({hours} h before, due {dueAt:HH:mm:ss} local, booked {(dueAt.ToUniversalTime() - bookedAt.ToDateTimeOffset()).TotalSeconds:0} s ahead): " +
            string.Join(", ", rows.OrderBy(r => r.Channel).Select(r => $"{r.Channel} sent {r.Attempts}×")) +
            $"; reminder count = {rows.Count(r => r.Status == "Sent") / Math.Max(1, rows.Select(r => r.Channel).Distinct().Count())} per channel";
        output.WriteLine(report);
        deployment.Figure(report);

        Assert.Equal(["Email", "WhatsApp"], rows.Select(r => r.Channel).Order().ToArray());
        Assert.All(rows, r =>
        {
            Assert.Equal("Sent", r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.Equal($"local-{r.Id:N}", r.ProviderMessageId);
        });
    }

    private static async Task<List<ReminderRow>> RemindersAsync(TwoNodesDeployment deployment, Guid bookingId)
    {
        await using var connection = await deployment.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""
            SELECT "Channel", "Status", "Attempts", "ProviderMessageId", "Id", "SentAt" FROM "Notifications"
            WHERE "BookingId" = @id AND "Kind" = 'Reminder'
            """, connection);
        command.Parameters.AddWithValue("id", bookingId);
        var rows = new List<ReminderRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new ReminderRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        return rows;
    }

    /// <summary>
    /// When the "notifications-send" recurring job last started, if that run has finished (Succeeded), read through
    /// Hangfire's API from the shared storage; null while it runs.
    /// </summary>
    private static Task<Instant?> LastSenderRunAsync(TwoNodesDeployment deployment) => Task.Run(() =>
    {
        var storage = new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(deployment.Database,
            new Hangfire.PostgreSql.PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false }));
        using var connection = storage.GetConnection();
        var job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).SingleOrDefault(j => j.Id == "notifications-send");
        return job is { LastExecution: { } at, LastJobId: { } id } && connection.GetJobData(id)?.State == "Succeeded"
            ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : (Instant?)null;
    });
}
