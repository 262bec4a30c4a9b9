using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Npgsql;

namespace BarberPro.Tests.TwoNodes;

/// <summary>
/// The deployment scripts/two-nodes.sh started: two app processes (`dotnet BarberPro.Web.dll`) on one PostgreSQL
/// database and one Redis, and nginx in front of them. These tests never start it themselves and never skip: without
/// the script's variables they fail, naming what is missing.
/// </summary>
public sealed class TwoNodesDeployment
{
    public const string Category = "TwoNodes";

    /// <summary>The trait that splits the run in two: the tests that need both nodes up, then the storm that kills one.</summary>
    public const string Phase = "TwoNodesPhase";
    public const string BothUp = "BothUp";
    public const string Kill = "Kill";
    /// <summary>After the storm, node B started again: a browser's node is killed under it (<see cref="WizardFailoverTests"/>).</summary>
    public const string Failover = "Failover";

    public const string ProxyVariable = "BARBERPRO_TWO_NODES_PROXY";
    public const string NodeAVariable = "BARBERPRO_TWO_NODES_A";
    public const string NodeBVariable = "BARBERPRO_TWO_NODES_B";
    public const string NodeAPidVariable = "BARBERPRO_TWO_NODES_A_PID";
    public const string NodeBPidVariable = "BARBERPRO_TWO_NODES_B_PID";
    public const string DatabaseVariable = "BARBERPRO_TWO_NODES_DATABASE";
    public const string FiguresVariable = "BARBERPRO_TWO_NODES_FIGURES";

    public static readonly DateTimeZone BuenosAires = DateTimeZoneProviders.Tzdb["America/Argentina/Buenos_Aires"];

    private static readonly Lazy<TwoNodesDeployment> Instance = new(() => new TwoNodesDeployment());

    private TwoNodesDeployment()
    {
        Proxy = new Uri(Required(ProxyVariable));
        NodeA = new Uri(Required(NodeAVariable));
        NodeB = new Uri(Required(NodeBVariable));
        NodeAPid = int.Parse(Required(NodeAPidVariable), System.Globalization.CultureInfo.InvariantCulture);
        NodeBPid = int.Parse(Required(NodeBPidVariable), System.Globalization.CultureInfo.InvariantCulture);
        Database = Required(DatabaseVariable);
        FiguresFile = Required(FiguresVariable);
    }

    /// <summary>The deployment, or an exception naming the variables scripts/two-nodes.sh sets.</summary>
    public static TwoNodesDeployment Current => Instance.Value;

    public Uri Proxy { get; }
    public Uri NodeA { get; }
    public Uri NodeB { get; }
    public int NodeAPid { get; }
    public int NodeBPid { get; }

    /// <summary>The Npgsql connection string of the nodes' database.</summary>
    public string Database { get; }

    private string FiguresFile { get; }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the two-node tests run against the deployment scripts/two-nodes.sh starts (two app processes, " +
                "PostgreSQL, Redis, nginx). Run scripts/two-nodes.sh (scripts/test.sh runs it after the main suite); these tests are " +
                "excluded from the main run with --filter \"Category!=TwoNodes\".");

    /// <summary>Appends one line to the figures scripts/two-nodes.sh prints at the end.</summary>
    public void Figure(string line)
    {
        lock (Instance)
            File.AppendAllText(FiguresFile, line + Environment.NewLine);
    }

    public static HttpClient Client(Uri baseAddress, string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A bearer token from POST /api/v1/auth/token.</summary>
    public async Task<string> TokenAsync(Uri through, string email, string password = ApiWebApp.DemoPassword)
    {
        using var client = Client(through);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token for {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!.AccessToken;
    }

    /// <summary>
    /// <paramref name="count"/> new customers, each registered through POST /api/v1/auth/register and signed in through
    /// POST /api/v1/auth/token (alternating the nodes), as a phone app does.
    /// </summary>
    public async Task<IReadOnlyList<string>> RegisterCustomersAsync(int count, string label)
    {
        var tokens = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var node = i % 2 == 0 ? NodeA : NodeB;
            var email = $"{label}-{i}-{Guid.NewGuid():N}@example.com";
            using var client = Client(node);
            var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
                new { fullName = $"Cliente {label} {i}", email, phone = "+5491123456789", password = ApiWebApp.DemoPassword }, ct);
            Assert.True(registered.StatusCode == HttpStatusCode.Created, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync(ct)}");
            tokens[i] = await TokenAsync(node, email);
        });
        return [.. tokens.OrderBy(t => t.Key).Select(t => t.Value)];
    }

    public async Task<DemoIds> DemoAsync()
    {
        using var client = Client(Proxy);
        var shop = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!;
        Guid Provider(string name) => shop.Providers.Single(p => p.DisplayName == name).Id;
        Guid Service(string name) => shop.Services.Single(s => s.Name == name).Id;
        return new DemoIds(shop.Id, Provider("Diego"), Provider("Fede"), Provider("Nacho"), Service("Corte"), Service("Barba"), Service("Color"));
    }

    /// <summary>The free starts of a barber's day, as the public availability endpoint lists them.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> FreeStartsAsync(Guid provider, Guid service, LocalDate date)
    {
        using var client = Client(Proxy);
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/providers/{provider}/availability?serviceId={service}&date={date:yyyy-MM-dd}");
        return [.. json.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset())];
    }

    /// <summary>Today in the shop's zone, by this machine's clock (the nodes run on the real clock).</summary>
    public static LocalDate Today => SystemClock.Instance.GetCurrentInstant().InZone(BuenosAires).Date;

    /// <summary>
    /// The Tuesday of the first whole week more than three weeks ahead: past the demo's bookings, inside the 60-day
    /// horizon, a working day of every demo barber (Tuesday to Friday).
    /// </summary>
    public static LocalDate QuietTuesday
    {
        get
        {
            var d = Today.PlusDays(22);
            while (d.DayOfWeek != IsoDayOfWeek.Tuesday)
                d = d.PlusDays(1);
            return d;
        }
    }

    public static string Iso(DateTimeOffset start) => start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
