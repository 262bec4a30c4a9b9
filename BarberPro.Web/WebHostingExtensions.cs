using System.Globalization;
using BarberPro.Domain;
using BarberPro.Domain.Data;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Analytics;
using BarberPro.Web.Features.Demo;
using BarberPro.Web.Features.MyBookings;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace BarberPro.Web;

/// <summary>The web app's composition: what Program.cs lists, one line each.</summary>
public static class WebHostingExtensions
{
    /// <summary>True to serve static assets from the build output's manifest outside Development (a build, not a publish, run as a real process).</summary>
    public const string StaticWebAssetsFromBuildKey = "App:StaticWebAssetsFromBuild";

    public static readonly CultureInfo[] SupportedCultures = [new("es-AR"), new("en")];

    public static WebApplicationBuilder AddBarberProDomain(this WebApplicationBuilder builder)
    {
        builder.Services.AddBarberProDomain(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    public static WebApplicationBuilder AddBarberProWeb(this WebApplicationBuilder builder)
    {
        // A build output (not a publish) run outside Development finds its static assets (Blazor's script, MudBlazor's
        // CSS) only through the build's manifest: scripts/two-nodes.sh runs `dotnet BarberPro.Web.dll` this way.
        if (builder.Configuration.GetValue<bool>(StaticWebAssetsFromBuildKey))
            builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(ConfigureCircuits)
            .AddHubOptions(ConfigureCircuitHub);
        builder.Services.AddMudServices();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("es-AR");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // Only the explicit choice (cookie) or the query string switch languages; browsers default to Spanish.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<Features.Verticals.IVerticalText, Features.Verticals.ShopWords>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddSingleton<Features.Shops.ShopQueries>();
        builder.Services.AddSingleton<Features.MyBookings.MyBookingsQueries>();
        builder.Services.AddSingleton<Features.Agenda.AgendaQueries>();
        builder.Services.AddSingleton<Features.Sessions.SessionQueries>();
        builder.Services.AddSingleton<Features.Owner.OwnerQueries>();
        builder.Services.AddScoped<ConnectionEvents>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<ConnectionEvents>());
        builder.Services.AddSingleton<Features.Home.DashboardQueries>();
        builder.Services.AddSingleton<Features.Messages.MessagesQueries>();
        builder.Services.AddSingleton<Features.Owner.StaffNotificationSettings>();
        return builder;
    }

    /// <summary>
    /// Limits on what one Blazor circuit may hold, so that one misbehaving page or client cannot take the process down
    /// (docs/ARCHITECTURE.md, "One circuit cannot take the process down").
    /// </summary>
    public static void ConfigureCircuits(Microsoft.AspNetCore.Components.Server.CircuitOptions o)
    {
        o.DetailedErrors = false;
        // A dropped phone keeps its circuit (and its page state) a few minutes to reconnect; never more than 50 at once.
        o.DisconnectedCircuitMaxRetained = 50;
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        // A browser that stops answering JS interop does not keep a render waiting forever.
        o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        // A client that does not acknowledge renders stops getting new ones instead of queueing them in server memory.
        o.MaxBufferedUnacknowledgedRenderBatches = 10;
    }

    /// <summary>The SignalR side of a circuit: small incoming messages, one call at a time, dead clients dropped.</summary>
    public static void ConfigureCircuitHub(Microsoft.AspNetCore.SignalR.HubOptions o)
    {
        o.MaximumReceiveMessageSize = 32 * 1024;
        o.MaximumParallelInvocationsPerClient = 1;
        o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        o.KeepAliveInterval = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// Migrates the database and, in Development or when Demo:Seed is true, seeds the demo shop. False when the database
    /// cannot be used (unreadable, damaged, locked): the reason, naming the file and what to do, is written to standard
    /// error without a stack trace, and the exit code is set to 1; Program.cs then stops.
    /// </summary>
    /// <summary>Settings the app cannot run without (<see cref="PublicAddress"/>, the notification jobs' ranges): false, with the reason on stderr and exit code 1, when one is wrong.</summary>
    public static bool CheckRequiredSettings(this WebApplication app)
    {
        var problem = PublicAddress.Problem(app.Configuration, app.Environment)
            ?? app.Services.GetRequiredService<BarberPro.Domain.Notifications.NotificationOptions>().Problem()
            ?? Features.Observability.TelemetrySettings.Problem(app.Configuration)
            ?? (Features.Cluster.ClusterSetup.IsCluster(app.Configuration) && string.IsNullOrWhiteSpace(app.Configuration["Jwt:SigningKey"])
                ? "Jwt:SigningKey is not set, and with ConnectionStrings:Redis this is one of several servers: a key generated here would not be " +
                  "the others' (an API token issued by one would be refused by the rest). Set the same Jwt:SigningKey (32+ characters) on every server."
                : null);
        if (problem is null)
            return true;
        Console.Error.WriteLine($"BarberPro cannot start: {problem}");
        Environment.ExitCode = 1;
        return false;
    }

    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        try
        {
            await DatabaseInitializer.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>());
        }
        catch (DatabaseStartupException e)
        {
            await Console.Error.WriteLineAsync($"BarberPro cannot start: {e.Message}");
            Environment.ExitCode = 1;
            return false;
        }
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        return true;
    }

    public static WebApplication UseBarberProPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/no-encontrado", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapBarberProPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ConfigureWebSocketAcceptContext = Features.Realtime.CircuitSockets.Accept);
        app.MapMyBookingsEndpoints();
        app.MapAnalyticsExport();
        Features.Shops.ShopMedia.MapShopMedia(app);
        app.MapGet("/cultura", (string c, string? volver, HttpContext http) =>
        {
            if (SupportedCultures.Any(s => s.Name == c))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(Features.Accounts.LocalReturnUrl.OrElse(volver, "/"));
        });
        return app;
    }
}
