using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BarberPro.Domain;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace BarberPro.Benchmarks;

/// <summary>
/// Contended booking commits, outside BenchmarkDotNet (which measures one operation, not N writers at once):
/// <c>dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention</c>.
/// <para>
/// Per configuration (database × writers × providers): a fresh database, the app's own DI container
/// (<see cref="DomainServiceCollectionExtensions.AddBarberProDomain"/>, hosted services such as the outbox dispatcher
/// started), a warm-up, then a fixed number of bookings of distinct free slots taken by N concurrent writers, each
/// operation one whole <see cref="BookingService.BookAsync"/>. Commits/s = committed bookings / wall time of the batch;
/// mean/p50/p99 per call. Outcomes other than Succeeded (a "conflict" on a distinct slot means retries ran out) are
/// counted and reported, not thrown. Then one booking is traced to list its database round trips.
/// </para>
/// Options: <c>--bookings N</c> (2000), <c>--warmup N</c> (200 a row), <c>--process-warmup N</c> (2000, once), <c>--writers 8,32,64</c>, <c>--providers 1,10</c>,
/// <c>--databases sqlite-full,sqlite-normal,postgres</c>. PostgreSQL runs when <c>BARBERPRO_BENCH_POSTGRES</c> holds a
/// server connection string (bench/run-postgres.sh starts a throwaway cluster and sets it).
/// </summary>
internal static class ContentionHarness
{
    public const string PostgresVariable = "BARBERPRO_BENCH_POSTGRES";

    public static async Task<int> RunAsync(string[] args)
    {
        var bookings = IntOption(args, "--bookings", 2000);
        var warmup = IntOption(args, "--warmup", 200);
        var processWarmup = IntOption(args, "--process-warmup", 2000);
        var writers = ListOption(args, "--writers", "8,32,64").Select(int.Parse).ToArray();
        var providers = ListOption(args, "--providers", "1,10").Select(int.Parse).ToArray();
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } pg ? pg : null;
        var databases = ListOption(args, "--databases", postgres is null ? "sqlite-full,sqlite-normal" : "sqlite-full,sqlite-normal,postgres");
        if (databases.Contains("postgres") && postgres is null)
            throw new InvalidOperationException($"{PostgresVariable} is not set: run bench/run-postgres.sh, or set it to a server's connection string.");

        Console.WriteLine($"# Contended booking commits — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"{BenchMachine.CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}" +
            (postgres is null ? "" : $", PostgreSQL {await PostgresVersionAsync(postgres)}"));
        Console.WriteLine($"{bookings} measured bookings per row after {warmup} warm-up bookings (the process first warms up with {processWarmup}); " +
            $"fresh database per row. Load average at start: {BenchMachine.LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| database | writers | providers | commits/s | mean | p50 | p99 | committed | conflict | busy | other | wall |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var total = Stopwatch.StartNew();
        // The first configuration of a process would otherwise run on tier-0 JIT code for seconds (measured: the
        // first row at half the commits/s of the same row run later), so the process warms up once, unreported.
        if (processWarmup > 0)
        {
            await using var warm = await ContentionDatabase.CreateAsync(databases[0], postgres, 10, 8, processWarmup, countRoundTrips: false);
            await warm.BookAsync(0, processWarmup, 8);
        }
        foreach (var database in databases)
            foreach (var p in providers)
                foreach (var w in writers)
                {
                    await using var bench = await ContentionDatabase.CreateAsync(database, postgres, p, w, warmup + bookings, countRoundTrips: false);
                    await bench.BookAsync(0, warmup, w);
                    var result = await bench.BookAsync(warmup, bookings, w);
                    Console.WriteLine(result.Row(Label(database), w, p));
                }
        Console.WriteLine();
        Console.WriteLine($"Total benchmark time {total.Elapsed.TotalSeconds:0} s. Load average at the end: {BenchMachine.LoadAverage()}.");

        foreach (var database in databases.Where(d => d != "sqlite-normal"))
        {
            await using var bench = await ContentionDatabase.CreateAsync(database, postgres, 1, 1, 3, countRoundTrips: true);
            await bench.BookAsync(0, 1, 1); // the first booking compiles queries and opens the pool
            var all = await bench.TraceOneBookingAsync(1);
            // The booking's own steps end with its COMMIT (it runs alone, so once); the dispatcher it wakes may run
            // inline on its flow before BookAsync returns, so what follows the commit is listed as outside.
            var own = all.Where(t => t.InBooking).ToList();
            var trace = own.Take(own.FindIndex(t => t.Kind == "commit") + 1).ToList();
            Console.WriteLine();
            Console.WriteLine($"## Round trips of one BookAsync on {Label(database)}: {trace.Count(t => t.RoundTrip)} " +
                $"({trace.Count(t => t.Kind.StartsWith("command", StringComparison.Ordinal))} commands, " +
                $"{trace.Count(t => t.Kind is "begin" or "commit" or "rollback")} transaction statements, " +
                $"{trace.Count(t => t.RoundTrip && t.Kind.StartsWith("connection", StringComparison.Ordinal))} connection-open pragmas)");
            Console.WriteLine();
            var i = 0;
            foreach (var t in trace)
                Console.WriteLine(t.RoundTrip ? $"{++i}. {t.Kind}: `{t.Text}`" : $"- (no round trip) {t.Kind}: {t.Text}");
            Console.WriteLine();
            Console.WriteLine("Outside BookAsync, in the same half second (the outbox dispatcher woken by the commit):");
            Console.WriteLine();
            foreach (var t in all.Where(t => !trace.Contains(t)))
                Console.WriteLine($"- {t.Kind}: `{t.Text}`");
        }
        return 0;
    }

    private static string Label(string database) => database switch
    {
        "sqlite-full" => "SQLite FULL",
        "sqlite-normal" => "SQLite NORMAL",
        "postgres" => "PostgreSQL",
        _ => database,
    };

    private static int IntOption(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string[] ListOption(string[] args, string name, string fallback) =>
        (Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);



    private static async Task<string> PostgresVersionAsync(string server)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

internal sealed record BatchResult(int Committed, int Conflicts, int Busy, int Other, TimeSpan Wall, double[] LatenciesMs)
{
    public string Row(string database, int writers, int providers)
    {
        var sorted = LatenciesMs.Order().ToArray();
        double Pct(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var c = CultureInfo.InvariantCulture;
        return string.Create(c,
            $"| {database} | {writers} | {providers} | {Committed / Wall.TotalSeconds:0} | {sorted.Average():0.0} ms | {Pct(0.50):0.0} ms | {Pct(0.99):0.0} ms | {Committed} | {Conflicts} | {Busy} | {Other} | {Wall.TotalSeconds:0.0} s |");
    }
}

/// <summary>One statement or transaction step seen while tracing a booking.</summary>
internal sealed record TracedStep(string Kind, string Text, bool RoundTrip, bool InBooking);

/// <summary>
/// A fresh database for one configuration: SQLite file in a temp folder, or a new PostgreSQL database on the server;
/// one shop, <c>providers</c> barbers working every day 08–22, a 15-minute haircut (no buffer), one customer a writer.
/// </summary>
internal sealed class ContentionDatabase : IAsyncDisposable
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb[Shop.DefaultTimeZoneId];
    private static readonly Instant Now = new LocalDateTime(2026, 12, 7, 9, 0).InZoneStrictly(Zone).ToInstant();
    private const int SlotsPerDay = 56; // 08:00–22:00 every 15 minutes

    private readonly ServiceProvider _services;
    private readonly string? _folder;
    private readonly string? _pgName;
    private readonly string? _pgConnection;
    private readonly List<IHostedService> _hosted = [];
    private readonly RoundTripLog? _log;
    private Guid _haircut;
    private Guid[] _barbers = [];
    private string[] _customers = [];
    private Instant[] _slots = [];
    private Guid[] _slotProviders = [];

    private ContentionDatabase(ServiceProvider services, string? folder, string? pgName, string? pgConnection, RoundTripLog? log)
    {
        _services = services;
        _folder = folder;
        _pgName = pgName;
        _pgConnection = pgConnection;
        _log = log;
    }

    public static async Task<ContentionDatabase> CreateAsync(string database, string? server, int providers, int writers, int slots, bool countRoundTrips)
    {
        var settings = new Dictionary<string, string?>();
        string? folder = null, pgName = null, pgConnection = null;
        if (database.StartsWith("sqlite", StringComparison.Ordinal))
        {
            folder = Path.Combine(Path.GetTempPath(), "barberpro-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            settings["ConnectionStrings:BarberPro"] = $"Data Source={Path.Combine(folder, "bench.db")}";
            settings["Database:SqliteSynchronous"] = database == "sqlite-normal" ? "NORMAL" : "FULL";
        }
        else
        {
            pgName = "barberpro_bench_" + Guid.NewGuid().ToString("N");
            await AdminAsync(server!, $"CREATE DATABASE \"{pgName}\"");
            pgConnection = new NpgsqlConnectionStringBuilder(server) { Database = pgName, MaxPoolSize = 100 }.ConnectionString;
            settings["Database:Provider"] = "PostgreSQL";
            // As the tests run it: BookingService opens its transaction directly, which EF refuses under a retrying
            // execution strategy (the lock-first pipeline moves it into CreateExecutionStrategy()).
            settings["Database:MaxRetryCount"] = "0";
            settings["ConnectionStrings:BarberPro"] = pgConnection;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Now))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddBarberProDomain(configuration, folder ?? Path.GetTempPath());
        RoundTripLog? log = null;
        if (countRoundTrips)
        {
            log = new RoundTripLog();
            if (folder is not null)
                services.ConfigureDbContext<SqliteBarberProDbContext>((_, o) => log.AddTo(o));
            else
                services.ConfigureDbContext<PostgreSqlBarberProDbContext>((_, o) => log.AddTo(o));
        }
        var bench = new ContentionDatabase(services.BuildServiceProvider(), folder, pgName, pgConnection, log);
        await DatabaseInitializer.MigrateAsync(bench._services.GetRequiredService<IDbContextFactory<BarberProDbContext>>());
        await bench.SeedAsync(providers, writers, slots);
        foreach (var hosted in bench._services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            bench._hosted.Add(hosted);
        }
        return bench;
    }

    private async Task SeedAsync(int providers, int writers, int slots)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var policy = BookingPolicy.Default with { HorizonDays = 366 };
        var shop = new Shop("Bench", "bench", policy: policy);
        var haircut = new Offering(shop.Id, "Corte", Duration.FromMinutes(15), 12000m);
        db.AddRange(shop, haircut);
        var days = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();
        var barbers = new List<Provider>();
        for (var p = 0; p < providers; p++)
        {
            var barber = new Provider(shop.Id, $"Barbero {p + 1}");
            barber.SetWeeklyHours(days.Select(d => (d, new LocalTimeRange(new LocalTime(8, 0), new LocalTime(22, 0)))));
            barber.Offer(haircut);
            db.Add(barber);
            barbers.Add(barber);
        }
        var customers = new List<string>();
        for (var i = 0; i < writers; i++)
        {
            var userId = $"bench-{i}";
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = userId + "@bench", FullName = userId });
            db.Customers.Add(new Customer($"Cliente {i}", "11 2345-6789", null, userId));
            customers.Add(userId);
        }
        await db.SaveChangesAsync();
        _haircut = haircut.Id;
        _barbers = barbers.Select(b => b.Id).ToArray();
        _customers = customers.ToArray();

        // Slot i belongs to barber i % providers, at the (i / providers)-th quarter hour from tomorrow 08:00.
        var firstDay = Now.InZone(Zone).Date.PlusDays(1);
        _slots = new Instant[slots];
        _slotProviders = new Guid[slots];
        for (var i = 0; i < slots; i++)
        {
            var k = i / providers;
            _slots[i] = firstDay.PlusDays(k / SlotsPerDay).At(new LocalTime(8, 0)).PlusMinutes(15 * (k % SlotsPerDay)).InZoneStrictly(Zone).ToInstant();
            _slotProviders[i] = _barbers[i % providers];
        }
    }

    /// <summary>Books slots [from, from + count) with <paramref name="writers"/> concurrent writers.</summary>
    public async Task<BatchResult> BookAsync(int from, int count, int writers)
    {
        var bookings = _services.GetRequiredService<BookingService>();
        var latencies = new double[count];
        int next = from - 1, committed = 0, conflicts = 0, busy = 0, other = 0;
        var wall = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var actor = Actor.Customer(_customers[w % _customers.Length]);
            int i;
            while ((i = Interlocked.Increment(ref next)) < from + count)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await bookings.BookAsync(new NewBooking(_slotProviders[i], _haircut, _slots[i]), actor);
                latencies[i - from] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _ = outcome switch
                {
                    BookingOutcome.Succeeded => Interlocked.Increment(ref committed),
                    BookingOutcome.Conflict => Interlocked.Increment(ref conflicts),
                    BookingOutcome.Busy => Interlocked.Increment(ref busy),
                    _ => Interlocked.Increment(ref other),
                };
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        wall.Stop();
        return new BatchResult(committed, conflicts, busy, other, wall.Elapsed, latencies);
    }

    /// <summary>Books slot <paramref name="index"/> alone and returns every database step it took.</summary>
    public async Task<IReadOnlyList<TracedStep>> TraceOneBookingAsync(int index)
    {
        var steps = _log!.Start();
        try
        {
            var outcome = await _services.GetRequiredService<BookingService>()
                .BookAsync(new NewBooking(_slotProviders[index], _haircut, _slots[index]), Actor.Customer(_customers[0]));
            _log.BookingReturned();
            if (outcome is not BookingOutcome.Succeeded)
                throw new InvalidOperationException($"The traced booking was not committed: {outcome}");
            await Task.Delay(500); // the outbox dispatcher, woken by the commit, publishes and marks the row
        }
        finally
        {
            _log.Stop();
        }
        return steps;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted)
            await hosted.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A WAL file still closing: the folder stays under /tmp/barberpro-bench.
            }
        }
        if (_pgName is not null)
        {
            await using (var connection = new NpgsqlConnection(_pgConnection))
                NpgsqlConnection.ClearPool(connection);
            await AdminAsync(Environment.GetEnvironmentVariable(ContentionHarness.PostgresVariable)!, $"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)");
        }
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Records the commands, transaction steps and connection opens EF performs while a trace is on (only the booking being
/// traced runs then). Connection opens are listed but are not round trips (pooled; on SQLite, in-process), except the
/// per-connection <c>PRAGMA synchronous</c> SQLite's pragma interceptor runs on each open.
/// </summary>
internal sealed class RoundTripLog
{
    private static readonly AsyncLocal<bool> InBooking = new();
    private List<TracedStep>? _steps;

    /// <summary>Starts recording; steps of the calling flow (the booking) are tagged as such, others as background.</summary>
    public List<TracedStep> Start()
    {
        InBooking.Value = true;
        _bookingReturned = false;
        return _steps = [];
    }

    public void Stop() => _steps = null;

    /// <summary>The traced booking returned: whatever runs from now on (the woken dispatcher) is not the booking's.</summary>
    public void BookingReturned() => _bookingReturned = true;

    private volatile bool _bookingReturned;

    public void AddTo(DbContextOptionsBuilder options) =>
        options.AddInterceptors(new Commands(this), new Transactions(this), new Connections(this));

    private void Add(string kind, string text, bool roundTrip)
    {
        var steps = _steps;
        if (steps is null)
            return;
        lock (steps)
            steps.Add(new TracedStep(kind, string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), roundTrip, InBooking.Value && !_bookingReturned));
    }

    private sealed class Commands(RoundTripLog log) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            log.Add("command", command.CommandText, true);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            log.Add("command", command.CommandText, true);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            log.Add("command", command.CommandText, true);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            log.Add("command (sync)", command.CommandText, true);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            log.Add("command (sync)", command.CommandText, true);
            return base.NonQueryExecuting(command, eventData, result);
        }
    }

    private sealed class Transactions(RoundTripLog log) : DbTransactionInterceptor
    {
        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
            CancellationToken cancellationToken = default)
        {
            log.Add("begin", connection is SqliteConnection ? "BEGIN IMMEDIATE" : $"BEGIN ISOLATION LEVEL {result.IsolationLevel}", true);
            return base.TransactionStartedAsync(connection, eventData, result, cancellationToken);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            log.Add("commit", "COMMIT", true);
            return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
        }

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            log.Add("rollback", "ROLLBACK", true);
            return base.TransactionRolledBackAsync(transaction, eventData, cancellationToken);
        }
    }

    private sealed class Connections(RoundTripLog log) : DbConnectionInterceptor
    {
        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (connection is SqliteConnection)
                log.Add("connection open + pragma", "PRAGMA synchronous=… (SqlitePragmas, on every open)", true);
            else
                log.Add("connection open", "from the pool", false);
            return base.ConnectionOpenedAsync(connection, eventData, cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection)
                log.Add("connection open + pragma (sync)", "PRAGMA synchronous=… (SqlitePragmas, on every open)", true);
            else
                log.Add("connection open (sync)", "from the pool", false);
            base.ConnectionOpened(connection, eventData);
        }
    }
}
