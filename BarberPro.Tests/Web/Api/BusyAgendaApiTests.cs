using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Web.Api;

/// <summary>The app whose agenda writes always meet another writer: every attempt's save fails as a lost race would.</summary>
public sealed class BusyAgendaApp : ApiWebApp
{
    private sealed class AlwaysContended : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            throw new DbUpdateConcurrencyException("Simulated: another writer changed the row.");
    }

    private sealed class ContendedFactory(string path) : IDbContextFactory<BarberProDbContext>
    {
        public BarberProDbContext CreateDbContext()
        {
            var builder = DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteBarberProDbContext>(),
                DatabaseProvider.Sqlite, $"Data Source={path}", new DatabaseOptions());
            builder.AddInterceptors(new AlwaysContended());
            return new SqliteBarberProDbContext(builder.Options);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton(sp =>
            new AgendaWriter(new ContendedFactory(DatabasePath), sp.GetRequiredService<NodaTime.IClock>(),
                sp.GetRequiredService<BarberPro.Domain.Outbox.IOutboxSignal>(), NullLogger<AgendaWriter>.Instance,
                sp.GetRequiredService<BarberPro.Domain.Common.BarberProMetrics>())));
    }
}

public sealed class BusyAgendaApiTests(BusyAgendaApp app) : IClassFixture<BusyAgendaApp>
{
    [Fact]
    public async Task Create_WhenTheAgendaStaysBusy_Is503_WithRetryAfter_NeverTakenOr500()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync("cliente@barberpro.local");

        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 6), 10), null, null));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "booking.busy");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.ToString());
        Assert.Contains("probá de nuevo", problem.GetProperty("detail").GetString());
    }
}
