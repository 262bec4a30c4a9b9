using BarberPro.Domain.Data;
using Npgsql;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>BARBERPRO_TEST_POSTGRES</c> (scripts/test.sh starts a
/// throwaway cluster and sets it), copied from a template that is migrated once per test run
/// (<c>CREATE DATABASE … TEMPLATE barberpro_template</c>), with the domain services wired as the app wires them.
/// Dropped on dispose. Without the variable every test that asks for one fails with a message saying how to run it.
/// </summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    public const string Variable = "BARBERPRO_TEST_POSTGRES";
    private const string TemplateName = "barberpro_template";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task? _template;

    private readonly string _name;
    private readonly string _connectionString;

    private PostgreSqlTestDatabase(string name, string connectionString, Microsoft.Extensions.DependencyInjection.ServiceProvider services, FakeClock clock,
        IDictionary<string, string?> settings)
        : base(services, clock, settings, Path.GetTempPath())
    {
        _name = name;
        _connectionString = connectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <summary>This database's connection string (pooling on), e.g. for raw SQL with <see cref="NpgsqlConnection"/>.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>The server's connection string from <see cref="Variable"/>, or an exception that says how to get one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run. Run scripts/test.sh (it starts a throwaway " +
                $"PostgreSQL and sets it), or set {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" for a server of your own.");

    /// <param name="now">What the fake clock says; defaults to Monday 2026-12-07 09:00 in Buenos Aires.</param>
    /// <param name="maxRetryCount">
    /// Database:MaxRetryCount. 0 (no retrying execution strategy) by default: EF refuses user-initiated transactions under
    /// a retrying strategy, and the account services still open theirs directly. The agenda write path
    /// (<c>AgendaWriter</c>) runs under the strategy, so the race suite uses 5, as the app does.
    /// </param>
    public static async Task<PostgreSqlTestDatabase> CreateAsync(Instant? now = null, int maxRetryCount = 0)
    {
        var (name, connectionString) = await CopyTemplateAsync();
        var clock = new FakeClock(now ?? TestAgenda.DefaultNow);
        var settings = Settings(connectionString, maxRetryCount);
        var services = BuildServices(clock, settings, Path.GetTempPath());
        return new PostgreSqlTestDatabase(name, connectionString, services, clock, settings);
    }

    /// <summary>A new database copied from the migrated template: its name and connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CopyTemplateAsync()
    {
        var server = ServerConnectionString;
        var name = "barberpro_t_" + Guid.NewGuid().ToString("N");
        await Gate.WaitAsync();
        try
        {
            await (_template ??= CreateTemplateAsync(server));
            await AdminAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        }
        finally
        {
            Gate.Release();
        }
        return (name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Drops a database made by <see cref="CopyTemplateAsync"/>, closing its pooled connections first.</summary>
    public static async Task DropAsync(string name, string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        await AdminAsync(ServerConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropAsync(_name, _connectionString);
    }

    /// <summary>The configuration the app needs to run on the database at <paramref name="connectionString"/>.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, int maxRetryCount) => new()
    {
        ["Database:Provider"] = "PostgreSQL",
        ["Database:MaxRetryCount"] = maxRetryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ConnectionStrings:BarberPro"] = connectionString,
    };

    /// <summary>Recreates the template from the current migrations, through the app's own start-up path.</summary>
    private static async Task CreateTemplateAsync(string server)
    {
        await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
        // No pooling: a pooled idle connection to the template would make every CREATE DATABASE … TEMPLATE fail.
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = TemplateName, Pooling = false }.ConnectionString;
        await using var services = BuildServices(new FakeClock(TestAgenda.DefaultNow), Settings(connectionString, maxRetryCount: 0), Path.GetTempPath());
        await DatabaseInitializer.MigrateAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BarberProDbContext>>(services));
    }

    private static async Task AdminAsync(string server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
