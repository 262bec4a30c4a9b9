using System.Diagnostics;
using BarberPro.Domain;
using BarberPro.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Web;

/// <summary>
/// The real app refusing to start, with a message that says what to do and no stack trace: on a database file that is
/// not a sound SQLite database (it names the file, says restore a backup or move the file away, and leaves the file as it
/// was); in production without the site's public address (links in emails would follow whatever Host a request sent).
/// </summary>
public sealed class AppStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "barberpro-startup-tests", Guid.NewGuid().ToString("N"));

    public AppStartupTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "barberpro.db");

    [Fact]
    public async Task App_OnAGarbageFile_ExitsWithTheFileAndWhatToDo_NotAStackTrace()
    {
        var garbage = Enumerable.Repeat((byte)0x5A, 64 * 1024).ToArray();
        await File.WriteAllBytesAsync(DatabasePath, garbage);

        var (exitCode, stdout, stderr) = await RunAppAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"BarberPro cannot start: The database file '{DatabasePath}' is not a readable SQLite database", stderr);
        Assert.Contains($"Restore your latest backup to '{DatabasePath}', or move the file", stderr);
        Assert.Contains("to start with an empty database", stderr);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Fact]
    public async Task Migrate_OnADamagedDatabase_RefusesWithTheFileAndWhatToDo_AndChangesNothing()
    {
        await using (var services = Services())
            await DatabaseInitializer.MigrateAsync(services.GetRequiredService<IDbContextFactory<BarberProDbContext>>());
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        // Keep page 1 (the header and the schema's root) and overwrite every other page: the tables' pages are garbage.
        var bytes = await File.ReadAllBytesAsync(DatabasePath);
        for (var i = 4096; i < bytes.Length; i++)
            bytes[i] = 0x5A;
        await File.WriteAllBytesAsync(DatabasePath, bytes);

        await using var again = Services();
        var refused = await Assert.ThrowsAsync<DatabaseStartupException>(() =>
            DatabaseInitializer.MigrateAsync(again.GetRequiredService<IDbContextFactory<BarberProDbContext>>()));

        Assert.StartsWith($"The database file '{DatabasePath}' is not a readable SQLite database, or it is damaged", refused.Message);
        Assert.Contains("Restore your latest backup", refused.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DatabasePath));
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
        .AddBarberProDomain(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:BarberPro"] = $"Data Source={DatabasePath}",
        }).Build(), _folder)
        .BuildServiceProvider();

    [Theory]
    [InlineData(null)]
    [InlineData("turnos.barberpro.example")]
    [InlineData("ftp://turnos.barberpro.example")]
    public async Task App_InProduction_WithoutAnAbsolutePublicAddress_RefusesToStart(string? publicBaseUrl)
    {
        var settings = new Dictionary<string, string?> { ["App__PublicBaseUrl"] = publicBaseUrl };

        var (exitCode, stdout, stderr) = await RunAppAsync("Production", settings);

        Assert.Equal(1, exitCode);
        Assert.Contains("BarberPro cannot start: App:PublicBaseUrl", stderr);
        Assert.Contains("https://", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.False(File.Exists(DatabasePath)); // it stopped before touching the database
    }

    [Theory]
    [InlineData("Notifications__PlanBatchSize", "0", "Notifications:PlanBatchSize")]
    [InlineData("Notifications__LeaseSeconds", "-5", "Notifications:LeaseSeconds")]
    public async Task App_WithANotificationSettingThatWouldStallTheJobs_RefusesToStart(string key, string value, string named)
    {
        var (exitCode, _, stderr) = await RunAppAsync(settings: new Dictionary<string, string?> { [key] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains($"BarberPro cannot start: {named} must be between", stderr);
    }

    [Fact]
    public async Task App_AsOneOfSeveralServers_WithoutASharedJwtKey_RefusesToStart()
    {
        // Redis configured means several servers: a key generated here would not be the others'.
        var (exitCode, _, stderr) = await RunAppAsync(settings: new Dictionary<string, string?> { ["ConnectionStrings__Redis"] = "127.0.0.1:1" });

        Assert.Equal(1, exitCode);
        Assert.Contains("BarberPro cannot start: Jwt:SigningKey is not set, and with ConnectionStrings:Redis", stderr);
    }

    [Theory]
    [InlineData("Telemetry__OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "Telemetry:OtlpProtocol (or OTEL_EXPORTER_OTLP_PROTOCOL)")]
    public async Task App_WithWrongTelemetrySettings_RefusesToStart_NamingTheKey(string key, string value, string named)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(settings: new Dictionary<string, string?> { [key] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains($"BarberPro cannot start: {named}", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    /// <summary>Runs the real app (BarberPro.Web.dll next to the tests) on this test's database until it exits.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string environment = "Testing",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BarberPro.Web.dll")])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__BarberPro"] = $"Data Source={DatabasePath}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // a hang guard, not a latency assertion
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The app did not exit: " + await stdout);
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
