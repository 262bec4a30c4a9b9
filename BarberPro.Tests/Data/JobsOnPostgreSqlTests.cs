using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Data;

/// <summary>With Database:Provider=PostgreSQL Hangfire keeps its schedule in the same database (schema hangfire).</summary>
public sealed class JobsOnPostgreSqlTests(PostgreSqlWebApp app) : IClassFixture<PostgreSqlWebApp>
{
    [Fact]
    public async Task Storage_IsPostgreSql_WithTheChoresRegistered_AndHealthSeesTheServer()
    {
        var storage = app.Services.GetRequiredService<JobStorage>();

        Assert.IsType<PostgreSqlStorage>(storage);
        using (var connection = storage.GetConnection())
            Assert.Equal(RecurringChores.Default().All.Select(c => c.Id).Order(), connection.GetRecurringJobs().Select(j => j.Id).Order());
        using var client = app.CreateBrowserClient();
        var health = await client.GetFromJsonAsync<HealthResponse>("/api/health", ApiWebApp.Json);
        Assert.Equal("healthy", health!.JobServer.Status);
    }
}
