using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace BarberPro.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (provider from Database:Provider, connection string ConnectionStrings:BarberPro),
    /// the clock and the domain services. A relative SQLite path is resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddBarberProDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("BarberPro")
            ?? (options.ParsedProvider == DatabaseProvider.Sqlite
                ? "Data Source=data/barberpro.db"
                : throw new InvalidOperationException($"Database:Provider '{options.Provider}' needs ConnectionStrings:BarberPro."));

        services.TryAddSingleton(options);
        services.TryAddSingleton<DatabaseFileGuard>();
        services.TryAddSingleton<SqliteWriteGate>();
        var sqlite = options.ParsedProvider == DatabaseProvider.Sqlite;
        services.AddBarberProDatabase(options,
            sqlite ? ResolveSqlitePath(connectionString, contentRoot) : connectionString);

        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<Common.BarberProMetrics>();
        services.TryAddSingleton<IBookingEvents, InProcessBookingEvents>();
        services.TryAddSingleton<IOutboxPublisher, LocalOutboxPublisher>();
        services.TryAddSingleton(configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions());
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.TryAddSingleton<AgendaCache>();
        services.TryAddSingleton<AgendaCacheInvalidator>();
        services.AddHostedService<AgendaCacheListener>();
        services.AddSingleton<AvailabilityService>();
        services.AddSingleton<Data.AgendaWriter>();
        services.AddSingleton<BookingService>();
        services.AddSingleton<PrivateNotes>();
        services.AddSingleton<Waitlist.WaitlistService>();
        services.AddSingleton<Series.SeriesService>();
        services.AddSingleton<IdempotentBookings>();
        services.AddSingleton<BookingQueries>();
        services.AddSingleton<Scheduling.ScheduleService>();
        services.AddSingleton<Sessions.SessionService>();
        services.AddSingleton<Catalog.CatalogService>();
        services.AddSingleton<Shops.ShopSettingsService>();
        services.AddSingleton<Shops.ShopBrandingService>();
        services.AddSingleton<Customers.CustomerDirectory>();
        services.AddSingleton<Customers.ClientBook>();
        services.AddSingleton<Customers.PatientDirectory>();
        services.AddSingleton<Accounts.RefreshTokens>();
        var notificationOptions = configuration.GetSection(Notifications.NotificationOptions.Section).Get<Notifications.NotificationOptions>() ?? new();
        notificationOptions.PublicBaseUrl = configuration[Notifications.NotificationOptions.PublicBaseUrlKey] is { Length: > 0 } publicBaseUrl
            ? publicBaseUrl.Trim() : new Notifications.NotificationOptions().PublicBaseUrl;
        services.TryAddSingleton(notificationOptions);
        services.AddSingleton<Notifications.NotificationTemplates>();
        services.AddSingleton<Notifications.NotificationPlanner>();
        services.AddSingleton<Notifications.NotificationSender>();
        services.AddSingleton<Analytics.AnalyticsService>();
        services.AddSingleton<DatabaseMaintenance>();
        return services;
    }

    /// <summary>
    /// Makes a relative "Data Source" absolute under <paramref name="contentRoot"/> and creates its folder. SQLite's own
    /// synchronous busy wait ("Default Timeout") is one second unless the connection string says otherwise: writers wait
    /// asynchronously in <see cref="SqliteWriteGate"/> instead.
    /// </summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
            builder.DefaultTimeout = 1;
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        return builder.ToString();
    }
}
