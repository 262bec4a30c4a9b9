using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Web.Features.Accounts;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace BarberPro.Web.Features.Jobs;

/// <summary>
/// Hangfire in-process: a job server, the recurring chores (<see cref="RecurringChores"/>) registered at start-up, and
/// the dashboard at <see cref="DashboardPath"/> for admins only. The storage follows Database:Provider: in memory for
/// the embedded SQLite default, Hangfire.PostgreSql / Hangfire.SqlServer on those databases (docs/decisions/0011).
/// Storage, activator and server are this app's own (not Hangfire's static globals), so several apps in one process
/// (the tests) do not share jobs.
/// </summary>
public static class JobsSetup
{
    public const string DashboardPath = "/hangfire";

    public static WebApplicationBuilder AddBarberProJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Read now, like the database registration does (AddBarberProDomain): the same provider and connection string.
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("BarberPro");
        services.AddSingleton<JobStorage>(_ => CreateStorage(database.ParsedProvider, connectionString));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton(RecurringChores.Default().WithSchedules(builder.Configuration.GetSection("Jobs:Schedules")));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new SafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, options) =>
        {
            options.ServerName = $"barberpro:{Environment.MachineName}:{Environment.ProcessId}";
            // Chores are short database passes; a few workers are plenty and leave the cores to requests.
            options.WorkerCount = Math.Clamp(Environment.ProcessorCount, 2, 4);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            options.Activator = sp.GetRequiredService<JobActivator>();
        });
        return builder;
    }

    /// <summary>Registers the recurring chores and maps the dashboard (admins only).</summary>
    public static WebApplication UseBarberProJobs(this WebApplication app)
    {
        // Hangfire's log provider is process-wide: point it at this app's logging before anything logs.
        app.Services.GetRequiredService<IGlobalConfiguration>();
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.Services.GetRequiredService<RecurringChores>().Register(app.Services.GetRequiredService<IRecurringJobManager>(), storage);
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Not Hangfire's default "local requests only": behind a proxy every request looks local.
            Authorization = [],
            AsyncAuthorization = [new AdminsOnlyDashboardFilter()],
            DashboardTitle = "BarberPro · tareas",
            AppPath = "/inicio",
            DisplayStorageConnectionString = false,
        }, storage);
        return app;
    }

    private static JobStorage CreateStorage(DatabaseProvider provider, string? connectionString)
    {
        return provider switch
        {
            DatabaseProvider.PostgreSql => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString!, new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true })),
            DatabaseProvider.SqlServer => new Hangfire.SqlServer.SqlServerStorage(connectionString, new Hangfire.SqlServer.SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }),
            _ => new InMemoryStorage(new InMemoryStorageOptions()),
        };
    }
}

/// <summary>
/// The dashboard is for signed-in admins (from the sign-in cookie), and not for an admin who still has to set up
/// two-factor sign-in (<see cref="TwoFactorEnrolment.RequiredClaim"/>). Everyone else is refused (401 anonymous, 403 signed in).
/// </summary>
public sealed class AdminsOnlyDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true
            && user.IsInRole(Roles.Admin)
            && !user.HasClaim(c => c.Type == TwoFactorEnrolment.RequiredClaim));
    }
}

/// <summary>
/// Hangfire's log provider is a static of the process; when several apps share a process (the tests) and one of them
/// stops, its logger factory is disposed. Loggers asked for after that log nothing instead of throwing.
/// </summary>
internal sealed class SafeLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new Silent();
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
