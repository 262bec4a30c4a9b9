using System.Reflection;
using BarberPro.Domain;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Data;

/// <summary>
/// Each provider's migrations against the model, without a server: the model has no change that lacks a migration,
/// each derived context owns its own migrations, and <c>Database:Provider</c> picks the context behind the factory.
/// </summary>
public sealed class ProviderMigrationsTests
{
    // Never connected to: building a model, diffing it and scripting migrations need no server.
    private static readonly Dictionary<DatabaseProvider, string> OfflineConnectionStrings = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=never-opened.db",
        [DatabaseProvider.PostgreSql] = "Host=127.0.0.1;Port=1;Database=never_opened;Username=none",
        [DatabaseProvider.SqlServer] = "Server=127.0.0.1,1;Database=NeverOpened;User Id=none;Password=none;TrustServerCertificate=true",
    };

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_HasNoChangesWithoutAMigration(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration; add one with the command in BarberProDbContext's doc comment.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteBarberProDbContext), "Sqlite")]
    [InlineData(DatabaseProvider.PostgreSql, typeof(PostgreSqlBarberProDbContext), "PostgreSql")]
    [InlineData(DatabaseProvider.SqlServer, typeof(SqlServerBarberProDbContext), "SqlServer")]
    public void EachProvider_HasItsOwnContextAndMigrations(DatabaseProvider provider, Type contextType, string folder)
    {
        using var db = Context(provider);

        Assert.IsType(contextType, db);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        Assert.NotEmpty(migrations);
        Assert.All(migrations.Values, type => Assert.Equal($"BarberPro.Domain.Data.Migrations.{folder}", type.Namespace));
    }

    [Fact]
    public void EveryMigration_BelongsToOneProvidersContext()
    {
        // A migration generated against the abstract BarberProDbContext (e.g. merged from an older branch) would compile
        // and then be ignored by every provider, silently leaving its tables out.
        var contexts = new[] { typeof(SqliteBarberProDbContext), typeof(PostgreSqlBarberProDbContext), typeof(SqlServerBarberProDbContext) };
        var types = typeof(BarberProDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) || t.IsSubclassOf(typeof(ModelSnapshot)))
            .ToList();

        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Contains(t.GetCustomAttribute<DbContextAttribute>()?.ContextType, contexts));
    }

    [Fact]
    public void Sqlite_KeepsTheMigrationIdsExistingFilesWereMigratedWith()
    {
        using var db = Context(DatabaseProvider.Sqlite);

        // Files created before the provider split have these rows in __EFMigrationsHistory; new ids would re-run them.
        Assert.Equal(
            ["20261124200854_InitialCreate", "20261124202335_ClientGeneratedKeys", "20261124202853_ApiIdempotency",
             "20261130025155_ShopClosedDays", "20261130031114_WalkInPhoneOptional"],
            db.Database.GetMigrations().Take(5));
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "IF NOT EXISTS")]
    [InlineData(DatabaseProvider.PostgreSql, "EX_Bookings_NoOverlap")]
    public void IdempotentScript_IsGenerated(DatabaseProvider provider, string expected)
    {
        using var db = Context(provider);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE", script, StringComparison.Ordinal);
        Assert.Contains(expected, script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void ServerProviders_RetryTransientFailures_UnlessTurnedOff(DatabaseProvider provider)
    {
        using (var db = Context(provider))
            Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);

        using (var db = Context(provider, ("Database:MaxRetryCount", "0")))
            Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public void SqlServer_ComparesIdempotencyKeysCaseSensitively_AsTheOtherDatabasesDo()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var key = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(BarberPro.Domain.Bookings.BookingRequestKey))!.FindProperty("Key")!;

        Assert.Equal("Latin1_General_100_BIN2", key.GetCollation());
    }

    [Fact]
    public void UnknownProvider_StopsStartUpWithAMessageNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Context(DatabaseProvider.Sqlite, ("Database:Provider", "Oracle")));

        Assert.Contains("Sqlite, PostgreSQL or SqlServer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerProvider_WithoutConnectionString_StopsStartUpWithAMessage()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSQL" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBarberProDomain(configuration, Path.GetTempPath()));

        Assert.Contains("ConnectionStrings:BarberPro", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The context the app would get for <paramref name="provider"/>, through the app's own registration.</summary>
    private static BarberProDbContext Context(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:BarberPro"] = OfflineConnectionStrings[provider],
        };
        foreach (var (key, value) in settings)
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddBarberProDomain(configuration, Path.GetTempPath()).BuildServiceProvider();
        return services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContext();
    }
}
