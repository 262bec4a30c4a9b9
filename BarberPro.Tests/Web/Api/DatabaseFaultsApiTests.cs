using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// Database faults over HTTP on a real app and a real SQLite file: a write lock another connection holds (the busy
/// timeout is set to 1 s here, so the test does not wait the default), and the data folder deleted under the app.
/// Either way the answer is a 503 problem with Retry-After, never a hang, a 500 or a booking acknowledged and lost.
/// </summary>
public sealed class DatabaseFaultsApiTests
{
    private const string Customer = "cliente@barberpro.local";
    private static readonly LocalDate Wednesday = new(2027, 1, 6);

    /// <summary>The API test app with a 1-second busy timeout.</summary>
    private sealed class QuickBusyApp : ApiWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Database:BusyTimeoutSeconds"] = "1",
        };
    }

    [Fact]
    public async Task Bookings_WhileAnotherConnectionHoldsTheWriteLock_Are503WithRetryAfter_AndBookOnceItIsReleased()
    {
        using var app = new QuickBusyApp();
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        using var owner = await app.ClientForAsync("owner@barberpro.local");
        var request = new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 10), null, null);
        var existing = (await (await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 12), null, null)))
            .Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        var before = await CountBookingsAsync(app);

        var refused = new List<HttpResponseMessage>();
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            // Ten bookings at once: they queue in the app's gate and all get their answer within the busy timeout.
            refused.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/v1/bookings", request))));
            using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(request) })
            {
                keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                refused.Add(await client.SendAsync(keyed));
            }
            refused.Add(await client.PostAsJsonAsync($"/api/v1/bookings/{existing.Id}/cancel", new CancelBookingRequest("No puedo ir")));
            refused.Add(await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/services", new { serviceIds = new[] { demo.Corte } }));

            // Reading still works: in WAL mode a writer elsewhere does not stop readers, and the app is healthy.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/bookings/{existing.Id}")).StatusCode);

            await using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(13, refused.Count);
        foreach (var response in refused.Take(12))
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "booking.busy");
            Assert.Equal("Estamos con mucha demanda, probá de nuevo.", problem.GetProperty("detail").GetString());
            Assert.Equal(TimeSpan.FromSeconds(ApiProblems.BusyRetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused[12].StatusCode);   // provider services: the generic 503 problem
        Assert.NotNull(refused[12].Headers.RetryAfter);
        Assert.Equal(before, await CountBookingsAsync(app));

        var created = await client.PostAsJsonAsync("/api/v1/bookings", request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(before + 1, await CountBookingsAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/bookings/{existing.Id}/cancel", new CancelBookingRequest("No puedo ir"))).StatusCode);
    }

    [Fact]
    public async Task DataFolderDeletedUnderTheApp_HealthIs503_AndNoBookingIsAcknowledged()
    {
        using var app = new ApiWebApp();
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var existing = (await (await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 12), null, null)))
            .Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        // A connection of our own keeps the deleted file readable: the app's pool may have closed all of its own.
        await using var witness = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await witness.OpenAsync();
        var before = await CountBookingsAsync(witness);

        Directory.Delete(Path.GetDirectoryName(app.DatabasePath)!, recursive: true);
        app.Clock.Advance(DatabaseFileGuard.TrustFor + Duration.FromSeconds(1));   // past the last good check the writes trust

        var answers = new List<HttpResponseMessage>
        {
            await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 10), null, null)),
            await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Wednesday, 11), null, null)),
            await client.PostAsJsonAsync($"/api/v1/bookings/{existing.Id}/cancel", new CancelBookingRequest(null)),
        };
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
               { Content = JsonContent.Create(new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 15), null, null)) })
        {
            keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            answers.Add(await client.SendAsync(keyed));
        }
        var health = await client.GetAsync("/api/health");

        foreach (var response in answers)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "database.unavailable");
            Assert.Equal(TimeSpan.FromSeconds(ApiProblems.UnavailableRetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = (await health.Content.ReadFromJsonAsync<HealthResponse>(ApiWebApp.Json))!;
        Assert.Equal("unhealthy", report.Database.Status);
        Assert.Contains("ya no es el que usa la app", report.Database.Error);
        // Not even the deleted file, which connections opened before the deletion still see, got the bookings.
        Assert.Equal(before, await CountBookingsAsync(witness));
    }

    /// <summary>Bookings as the app's own (pooled) connections see them.</summary>
    private static async Task<int> CountBookingsAsync(ApiWebApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await db.Bookings.CountAsync();
    }

    /// <summary>Bookings in the file <paramref name="connection"/> has open.</summary>
    private static async Task<long> CountBookingsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Bookings\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
