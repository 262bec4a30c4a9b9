using System.Diagnostics;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Liveness for load balancers and monitors: the database answers a real query, and its file on disk is still the one
/// the app writes to (<see cref="DatabaseFileGuard"/>); there is no job server yet.
/// </summary>
public static class HealthApi
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth)
            .WithTags("Health")
            .WithName("Health")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Health of the app and what it depends on")
            .WithDescription("200 when the database answers a query (within 5 s) and its file is still the one the app writes to, 503 when it does not (or the file was deleted, replaced or cannot be read). jobServer is \"healthy\" when a Hangfire server of this app sent a heartbeat within 2 minutes, \"unhealthy\" otherwise (it does not change the status code: the app still answers). Anonymous.")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Healthy)
            .WithResponseExample(StatusCodes.Status503ServiceUnavailable, ApiExamples.Unhealthy);
        return app;
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealth(
        IDbContextFactory<BarberProDbContext> dbFactory, DatabaseFileGuard fileGuard, Hangfire.JobStorage jobStorage, IConfiguration configuration, TimeProvider time, ILoggerFactory loggers,
        IServiceProvider services, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(DatabaseTimeout);
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            // A real read: opening a SQLite file succeeds even when it is not a database.
            await db.Shops.AsNoTracking().AnyAsync(timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(HealthApi)).LogError(e, "Health check: the database did not answer.");
            error = e is OperationCanceledException ? "La base de datos no respondió a tiempo." : "La base de datos no responde.";
        }
        // The pooled connections answer even when their file was deleted or replaced under the app: what they write
        // would be lost. Look at the file on disk itself — also when the read failed (a new connection cannot open a file
        // whose folder is gone): that says what happened and what to do, where "no responde" does not.
        if (fileGuard.Check(fresh: true) is { } problem)
        {
            loggers.CreateLogger(typeof(HealthApi)).LogCritical("Health check: {Problem}", problem);
            error = "El archivo de la base de datos ya no es el que usa la app (se borró, se reemplazó o no se puede leer): lo que se guarde ahora se perdería.";
        }

        var database = new DatabaseHealth(error is null ? "healthy" : "unhealthy", configuration["Database:Provider"] ?? "Sqlite", clock.ElapsedMilliseconds, error);
        var redis = await RedisHealthAsync(services.GetService<StackExchange.Redis.IConnectionMultiplexer>(), loggers);
        var status = error is not null ? "unhealthy" : redis is { Status: not "healthy" } ? "degraded" : "healthy";
        var body = new HealthResponse(status, ApiTime.Out(Instant.FromDateTimeOffset(time.GetUtcNow()), ApiTime.DefaultZone), database,
            Jobs.JobServerState.Read(jobStorage, time.GetUtcNow().UtcDateTime, loggers.CreateLogger(typeof(HealthApi))), redis);
        return error is null ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Null for one server; else whether Redis answers a PING (within the database's timeout).</summary>
    private static async Task<RedisHealth?> RedisHealthAsync(StackExchange.Redis.IConnectionMultiplexer? redis, ILoggerFactory loggers)
    {
        if (redis is null)
            return null;
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(DatabaseTimeout);
            return new RedisHealth("healthy", null);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            loggers.CreateLogger(typeof(HealthApi)).LogWarning(e, "Health check: Redis did not answer.");
            return new RedisHealth("unhealthy", "Redis no responde: las reservas siguen funcionando (la base de datos es la verdad), pero los cambios en vivo entre servidores esperan.");
        }
    }
}
