using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.Data.Sqlite;

namespace BarberPro.Tests.Web.Api;

/// <summary>GET /api/health on a working database, and on one that stopped being a database under a running app.</summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task Health_DatabaseAnswers_Is200_AndSaysThereIsNoJobServer()
    {
        using var app = new ApiWebApp();
        using var client = app.Client();

        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = (await response.Content.ReadFromJsonAsync<HealthResponse>(ApiWebApp.Json))!;
        Assert.Equal("healthy", health.Status);
        Assert.Equal("healthy", health.Database.Status);
        Assert.Equal("Sqlite", health.Database.Provider);
        Assert.Null(health.Database.Error);
        Assert.Equal("healthy", health.JobServer.Status);

        // The same instance, once its database file is garbage.
        SqliteConnection.ClearAllPools();
        foreach (var sidecar in new[] { "-wal", "-shm" })
            File.Delete(app.DatabasePath + sidecar);
        await File.WriteAllBytesAsync(app.DatabasePath, Enumerable.Repeat((byte)0x5A, 64 * 1024).ToArray());

        var broken = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        var report = (await broken.Content.ReadFromJsonAsync<HealthResponse>(ApiWebApp.Json))!;
        Assert.Equal("unhealthy", report.Status);
        Assert.Equal("unhealthy", report.Database.Status);
        // The file is not the one the app stamped (replaced, unreadable): said as such, not just "no responde".
        Assert.Contains("ya no es el que usa la app", report.Database.Error);
        // Hangfire's storage is not the database file: the job server is still up.
        Assert.Equal("healthy", report.JobServer.Status);
    }
}
