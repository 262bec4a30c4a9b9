using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Domain.Data;

/// <summary>
/// Wires the provider's derived context and serves it as <see cref="IDbContextFactory{TContext}"/> of
/// <see cref="BarberProDbContext"/>, which is what every service asks for.
/// </summary>
public static class DatabaseRegistration
{
    /// <summary>Retries of the execution strategy never wait longer than this between two attempts.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    internal static IServiceCollection AddBarberProDatabase(this IServiceCollection services, DatabaseOptions options, string connectionString)
    {
        var provider = options.ParsedProvider;
        return provider switch
        {
            DatabaseProvider.Sqlite => services.AddContext<SqliteBarberProDbContext>(provider, connectionString, options),
            DatabaseProvider.PostgreSql => services.AddContext<PostgreSqlBarberProDbContext>(provider, connectionString, options),
            DatabaseProvider.SqlServer => services.AddContext<SqlServerBarberProDbContext>(provider, connectionString, options),
            _ => throw new InvalidOperationException($"Unknown provider {provider}."),
        };
    }

    /// <summary>
    /// Points <paramref name="builder"/> at the provider, with its migrations assembly and its settings. With the app's
    /// <paramref name="services"/>, SQLite writes also go through its <see cref="SqliteWriteGate"/> (design time has none).
    /// </summary>
    public static TBuilder Configure<TBuilder>(TBuilder builder, DatabaseProvider provider, string connectionString, DatabaseOptions options,
        IServiceProvider? services = null)
        where TBuilder : DbContextOptionsBuilder
    {
        var migrationsAssembly = typeof(BarberProDbContext).Assembly.FullName;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrationsAssembly));
                builder.AddInterceptors(new SqlitePragmas(options.SqliteSynchronous));
                if (services is not null)
                    builder.AddInterceptors(services.GetRequiredService<SqliteWriteGate>());
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(WithoutJit(connectionString), o =>
                {
                    o.MigrationsAssembly(migrationsAssembly);
                    if (options.MaxRetryCount > 0)
                        o.EnableRetryOnFailure(options.MaxRetryCount, MaxRetryDelay, errorCodesToAdd: null);
                });
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o =>
                {
                    o.MigrationsAssembly(migrationsAssembly);
                    if (options.MaxRetryCount > 0)
                        o.EnableRetryOnFailure(options.MaxRetryCount, MaxRetryDelay, errorNumbersToAdd: null);
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {provider}.");
        }
        // Committed changes bump the availability cache's generations (docs/decisions/0015).
        if (services?.GetService<Availability.AgendaCacheInvalidator>() is { } invalidator)
            builder.AddInterceptors(invalidator);
        return builder;
    }

    private static IServiceCollection AddContext<TContext>(this IServiceCollection services, DatabaseProvider provider,
        string connectionString, DatabaseOptions options)
        where TContext : BarberProDbContext
    {
        services.AddDbContextFactory<TContext>((sp, db) => Configure(db, provider, connectionString, options, sp));
        services.AddSingleton<IDbContextFactory<BarberProDbContext>>(sp =>
            new BaseContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        return services;
    }

    /// <summary>
    /// PostgreSQL's JIT compiles a plan whose cost passes a threshold: for the app's short aggregates (the analytics
    /// report) compiling cost more than it saved (a 90-day report 417 → 209 ms, docs/BENCHMARKS.md). Off for the app's
    /// connections, unless the connection string sets its own options.
    /// </summary>
    internal static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
            builder.Options = "-c jit=off";
        return builder.ConnectionString;
    }

    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BarberProDbContext>
        where TContext : BarberProDbContext
    {
        public BarberProDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<BarberProDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
