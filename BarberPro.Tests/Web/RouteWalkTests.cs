using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web;

/// <summary>
/// Every <c>@page</c> of the web app, found by reflection, requested over HTTP with garbage (and real but foreign
/// or stale ids) in each route parameter and each query parameter the page declares, anonymous and as each demo
/// role. Whatever a user can type or click, a page never answers with a server error.
/// </summary>
public sealed partial class RouteWalkTests : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";

    /// <summary>Values no page expects: not a number, not a date, not a guid, markup, empty, huge.</summary>
    private static readonly string[] Garbage =
    [
        "x", "", "-1", "0", "99999999999999999999", "2026-02-30", "25:61", "<script>alert(1)</script>", "%00",
        "../..", "//evil.example/x", "/\\evil.example", new string('9', 2000),
    ];

    private readonly BarberProWebApp _app;

    public RouteWalkTests(BarberProWebApp app) => _app = app;

    [Theory]
    [InlineData(null)]
    [InlineData("cliente@barberpro.local")]
    [InlineData("barbero1@barberpro.local")]
    [InlineData("owner@barberpro.local")]
    [InlineData("admin@barberpro.local")]
    public async Task EveryPage_WithGarbageInEveryParameter_NeverAnswersWithAServerError(string? email)
    {
        using var client = _app.CreateBrowserClient();
        if (email is not null)
            Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(client, email, DemoPassword)).StatusCode);
        var known = await KnownValuesAsync();
        var failures = new List<string>();
        var requested = 0;

        foreach (var page in Pages())
        {
            // The first path holds real values where the template has parameters: it takes every query; the others take two.
            foreach (var (path, index) in Paths(page.Template, known).Select((p, i) => (p, i)))
            {
                foreach (var query in index == 0 ? Queries(page.QueryNames) : Queries(page.QueryNames).Take(3))
                {
                    var url = path + query;
                    using var response = await client.GetAsync(url);
                    requested++;
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{(int)response.StatusCode} {url} ({page.Component.Name})");
                }
            }
        }

        Assert.True(requested > 100, $"Only {requested} requests: did the page discovery break?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requested} requests failed as {email ?? "anonymous"}:\n" + string.Join("\n", failures.Take(40)));
    }

    [Theory]
    [InlineData("/admin/servicios", "Corte + barba")]
    [InlineData("/admin/equipo", "barbero1@barberpro.local")]
    [InlineData("/admin/local", "BarberPro Palermo")]
    public async Task OwnerPage_GarbageShopInTheLink_IsIgnored_ShowsTheFirstShopWithAShortMessage(string page, string expected)
    {
        using var client = _app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, "owner@barberpro.local", DemoPassword);

        var response = await client.GetAsync(page + "?local=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, html);
        Assert.Contains("El enlace no indicaba un local válido: te mostramos el primero.", html);
        Assert.DoesNotContain("El enlace no indicaba", WebUtility.HtmlDecode(await client.GetStringAsync(page)));
    }

    [Theory]
    [InlineData("barbero3@barberpro.local", "/agenda?dia=13-12-2026", "Agenda de Nacho")]
    [InlineData("barbero3@barberpro.local", "/agenda?dia=2026-12-13&vista=mes", "Agenda de Nacho")]
    [InlineData("owner@barberpro.local", "/local/agenda?dia=mañana", "Agenda del local")]
    public async Task AgendaPage_GarbageDayOrViewInTheLink_IsIgnored_WithAShortMessage(string email, string page, string expected)
    {
        using var client = _app.CreateBrowserClient();
        await BarberProWebApp.SignInAsync(client, email, DemoPassword);

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, html);
        Assert.Contains("El enlace tenía una fecha o una vista que no entendemos: te mostramos la de hoy.", html);
        var clean = page.Contains("/local/") ? "/local/agenda?dia=2026-12-13" : "/agenda?dia=2026-12-13&vista=semana";
        Assert.DoesNotContain("El enlace tenía una fecha", WebUtility.HtmlDecode(await client.GetStringAsync(clean)));
    }

    [Fact]
    public void Discovery_FindsThePagesAndTheirQueryParameters()
    {
        var pages = Pages().ToList();

        Assert.Contains(pages, p => p.Template == "/local/{Slug}/reservar" && p.QueryNames.Contains("servicio") && p.QueryNames.Contains("profesional"));
        Assert.Contains(pages, p => p.Template == "/cuenta/ingresar" && p.QueryNames.Contains("ReturnUrl"));
        Assert.Contains(pages, p => p.Template == "/admin/servicios" && p.QueryNames.Contains("local"));  // inherited from ShopPageBase
        Assert.Contains(pages, p => p.Template == "/mis-turnos/{Id:guid}");
    }

    private sealed record PageRoute(Type Component, string Template, IReadOnlyList<string> QueryNames);

    private static IEnumerable<PageRoute> Pages()
    {
        var assembly = typeof(BarberPro.Web.WebHostingExtensions).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var queryNames = QueryNames(type);
            foreach (var route in type.GetCustomAttributes<RouteAttribute>())
                yield return new PageRoute(type, route.Template, queryNames);
        }
    }

    private static List<string> QueryNames(Type type)
    {
        var names = new List<string>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var property in t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query)
                    names.Add(query.Name ?? property.Name);
            }
        }
        return names;
    }

    /// <summary>The template with each parameter replaced by real values of the demo shop, by foreign or stale ids, and by garbage.</summary>
    private static IEnumerable<string> Paths(string template, IReadOnlyDictionary<string, string[]> known)
    {
        var parameters = RouteParameter().Matches(template).Select(m => m.Groups["name"].Value).Distinct().ToList();
        if (parameters.Count == 0)
        {
            yield return template;
            yield break;
        }
        var candidates = parameters.Select(name => (known.TryGetValue(name, out var real) ? real : [])
            .Concat([Guid.NewGuid().ToString(), "x", "%00", new string('a', 500)])
            .ToList()).ToList();
        // Each parameter takes each of its values while the others keep their first (a real one when there is one).
        for (var i = 0; i < parameters.Count; i++)
        {
            foreach (var value in candidates[i])
            {
                var path = template;
                for (var j = 0; j < parameters.Count; j++)
                    path = Regex.Replace(path, "\\{" + parameters[j] + "(:[^}]*)?\\}", (i == j ? value : candidates[j][0]).Replace("$", "$$"));
                yield return path;
            }
        }
    }

    /// <summary>No query; each declared parameter alone with each garbage value; all of them at once; an undeclared one.</summary>
    private static IEnumerable<string> Queries(IReadOnlyList<string> names)
    {
        yield return "";
        yield return "?noexiste=x";
        foreach (var value in Garbage.Append(Guid.NewGuid().ToString()))
        {
            foreach (var name in names)
                yield return $"?{name}={Uri.EscapeDataString(value)}";
            if (names.Count > 1)
                yield return "?" + string.Join("&", names.Select(n => $"{n}={Uri.EscapeDataString(value)}"));
        }
        if (names.Count > 0)
            yield return "?" + string.Join("&", names.Select(n => $"{n}=a&{n}=b"));  // repeated
    }

    private async Task<IReadOnlyDictionary<string, string[]>> KnownValuesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var bookings = await db.Bookings.Select(b => b.Id).Take(1).ToListAsync();
        var providers = await db.Providers.Select(p => p.Id).Take(1).ToListAsync();
        return new Dictionary<string, string[]>
        {
            ["Slug"] = [DemoShop.Slug],
            ["Id"] = bookings.Select(b => b.ToString()).ToArray(),
            ["ProviderId"] = providers.Select(p => p.ToString()).ToArray(),
        };
    }

    [GeneratedRegex("\\{\\*?(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\\??\\}")]
    private static partial Regex RouteParameter();
}
