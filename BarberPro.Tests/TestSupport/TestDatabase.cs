using BarberPro.Domain;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A fresh, migrated database of one provider with the domain services wired as the app wires them
/// (<see cref="DomainServiceCollectionExtensions.AddBarberProDomain"/>) and a <see cref="FakeClock"/>.
/// <see cref="SqliteTestDatabase"/> and <see cref="PostgreSqlTestDatabase"/> make one; tests written against this
/// type run on either.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDictionary<string, string?> _settings;
    private readonly string _contentRoot;

    private protected TestDatabase(ServiceProvider services, FakeClock clock, IDictionary<string, string?> settings, string contentRoot)
    {
        _services = services;
        Clock = clock;
        _settings = settings;
        _contentRoot = contentRoot;
    }

    public abstract DatabaseProvider Provider { get; }
    public FakeClock Clock { get; }
    public IServiceProvider Services => _services;
    public IDbContextFactory<BarberProDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
    public BookingService Bookings => _services.GetRequiredService<BookingService>();
    public AvailabilityService Availability => _services.GetRequiredService<AvailabilityService>();
    public IBookingEvents Events => _services.GetRequiredService<IBookingEvents>();

    /// <summary>This container's own instruments (its own meter: a listener can tell them from other tests').</summary>
    public BarberPro.Domain.Common.BarberProMetrics Metrics => _services.GetRequiredService<BarberPro.Domain.Common.BarberProMetrics>();

    /// <summary>
    /// The outbox dispatcher of this container. Not hosted here: it runs when a writer wakes it after a commit, or when a
    /// test awaits <see cref="OutboxDispatcher.DispatchPendingAsync"/>; nothing polls.
    /// </summary>
    public OutboxDispatcher Outbox => _services.GetRequiredService<OutboxDispatcher>();

    /// <summary>
    /// A second app instance on this same database (same settings, its own services, events and dispatcher, sharing the
    /// clock), as after a restart or on another server. The caller disposes it; the database stays this object's.
    /// </summary>
    public ServiceProvider NewAppInstance() => BuildServices(Clock, _settings, _contentRoot);

    /// <summary>Registers this database's domain services (same instances) into another container, e.g. bUnit's.</summary>
    public void AddDomainTo(IServiceCollection services)
    {
        services.AddSingleton(DbFactory);
        services.AddSingleton<IClock>(Clock);
        services.AddSingleton(Events);
        services.AddSingleton(Outbox);
        services.AddSingleton<IOutboxSignal>(Outbox);
        services.AddSingleton(Availability);
        services.AddSingleton(_services.GetRequiredService<AgendaWriter>());
        services.AddSingleton(Bookings);
        services.AddSingleton(_services.GetRequiredService<PrivateNotes>());
        services.AddSingleton(_services.GetRequiredService<BarberPro.Domain.Customers.PatientDirectory>());
        services.AddSingleton(_services.GetRequiredService<BarberPro.Domain.Waitlist.WaitlistService>());
        services.AddSingleton(_services.GetRequiredService<BarberPro.Domain.Series.SeriesService>());
    }

    public BarberProDbContext NewContext() => DbFactory.CreateDbContext();

    /// <summary>
    /// Pairs of bookings of one provider, both in a blocking status, whose blocked spans overlap: counted by one SQL
    /// query over the table (a self-join), not from what the services answered. A race test expects 0.
    /// </summary>
    public async Task<int> CountDoubleBookingsAsync()
    {
        await using var db = NewContext();
        var blocking = db.Bookings.ThatBlockTime();
        var orderedPairs = await (
            from a in blocking
            join b in blocking on a.ProviderId equals b.ProviderId
            where a.Id != b.Id && a.BlockedStart < b.BlockedEnd && b.BlockedStart < a.BlockedEnd
            select a.Id).CountAsync();
        return orderedPairs / 2;
    }

    /// <summary>The domain's container over <paramref name="settings"/> (Database:*, ConnectionStrings:BarberPro).</summary>
    private protected static ServiceProvider BuildServices(FakeClock clock, IDictionary<string, string?> settings, string contentRoot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IClock>(clock)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddBarberProDomain(configuration, contentRoot)
            .BuildServiceProvider();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
