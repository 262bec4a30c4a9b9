using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Home;
using BarberPro.Web.Features.MyBookings;
using BarberPro.Web.Features.Owner;
using BarberPro.Web.Features.Shops;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// bUnit over a fresh SQLite file seeded with a <see cref="TestAgenda"/>: the domain services of <see cref="Db"/> and
/// the web's query services registered as the app registers them, and an anonymous user until
/// <see cref="SignInAs"/>. The database is deleted after the bUnit context is disposed.
/// </summary>
public abstract class BunitDatabaseTestBase : BunitTestBase
{
    private readonly BunitAuthorizationContext _auth;

    protected BunitDatabaseTestBase() => _auth = AddAuthorization();

    protected SqliteTestDatabase Db { get; private set; } = null!;
    protected TestAgenda Agenda { get; private set; } = null!;

    /// <summary>What the fake clock says when the database is created.</summary>
    protected virtual Instant Now => TestAgenda.DefaultNow;

    /// <summary>Configuration the domain reads (e.g. <c>Database:BusyTimeoutSeconds</c>); none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? DatabaseSettings => null;

    public sealed override async Task InitializeAsync()
    {
        Db = await SqliteTestDatabase.CreateAsync(Now, DatabaseSettings);
        Agenda = await TestAgenda.SeedAsync(Db);
        await using (var db = Db.NewContext())
        {
            await ChangeSeedAsync(db);
            await db.SaveChangesAsync();
        }

        Db.AddDomainTo(Services);
        Services.AddSingleton<BookingQueries>();
        Services.AddSingleton<CatalogService>();
        Services.AddSingleton<ScheduleService>();
        Services.AddSingleton<ShopSettingsService>();
        Services.AddSingleton<ShopBrandingService>();
        Services.AddSingleton<CustomerDirectory>();
        Services.AddSingleton<ClientBook>();
        Services.AddSingleton<ShopQueries>();
        Services.AddSingleton<MyBookingsQueries>();
        Services.AddSingleton<AgendaQueries>();
        Services.AddSingleton<OwnerQueries>();
        Services.AddSingleton<DashboardQueries>();
        Services.AddSingleton<BarberPro.Domain.Sessions.SessionService>();
        Services.AddSingleton<BarberPro.Web.Features.Sessions.SessionQueries>();
        Services.AddScoped<CurrentUser>();
        Initialized();
    }

    /// <summary>Changes to the seeded shop before any service is built; the base saves them.</summary>
    protected virtual Task ChangeSeedAsync(BarberProDbContext db) => Task.CompletedTask;

    /// <summary>Runs last in <see cref="InitializeAsync"/>, services registered: render the providers a test needs.</summary>
    protected virtual void Initialized()
    {
    }

    /// <summary>Fakes a signed-in user the way the app's cookie names one: display name, role and user id.</summary>
    protected void SignInAs(string role, string userId, string name)
    {
        _auth.SetAuthorized(name);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected override async ValueTask DisposedAsync()
    {
        if (Db is not null)
            await Db.DisposeAsync();
    }
}
