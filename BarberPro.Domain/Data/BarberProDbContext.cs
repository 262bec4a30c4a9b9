using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Data;

/// <summary>
/// The unit of work for everything BarberPro stores, Identity included. Components and services get a fresh
/// instance per operation from <see cref="IDbContextFactory{TContext}"/> of this type; behind it stands the derived
/// context of the configured provider (<c>Database:Provider</c>), which owns that provider's migrations.
/// After a model change, add one migration per provider (same name, run from the repository root):
/// <code>
/// dotnet ef migrations add Name --project BarberPro.Domain --context SqliteBarberProDbContext --output-dir Data/Migrations/Sqlite
/// dotnet ef migrations add Name --project BarberPro.Domain --context PostgreSqlBarberProDbContext --output-dir Data/Migrations/PostgreSql
/// dotnet ef migrations add Name --project BarberPro.Domain --context SqlServerBarberProDbContext --output-dir Data/Migrations/SqlServer
/// </code>
/// None of them needs a running server. The PostgreSQL migrations also carry raw SQL the model cannot express (the
/// bookings exclusion constraint, see <see cref="PostgreSqlBarberProDbContext"/>); keep it when regenerating.
/// </summary>
public abstract class BarberProDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's Data Protection keys, shared by every server of one database (cookies and antiforgery tokens issued by one are read by all).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<ShopClosure> ShopClosures => Set<ShopClosure>();
    public DbSet<ShopImage> ShopImages => Set<ShopImage>();
    public DbSet<Bookings.BookingPrivateNote> BookingPrivateNotes => Set<Bookings.BookingPrivateNote>();
    public DbSet<Offering> Offerings => Set<Offering>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<ProviderCalendar> ProviderCalendars => Set<ProviderCalendar>();
    public DbSet<WorkingInterval> WorkingIntervals => Set<WorkingInterval>();
    public DbSet<TimeOff> TimeOff => Set<TimeOff>();
    public DbSet<DateOverride> DateOverrides => Set<DateOverride>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ShopCustomer> ShopCustomers => Set<ShopCustomer>();
    public DbSet<DataRightsRecord> DataRightsRecords => Set<DataRightsRecord>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingHistoryEntry> BookingHistory => Set<BookingHistoryEntry>();
    public DbSet<BookingPart> BookingParts => Set<BookingPart>();
    public DbSet<BookingRequestKey> BookingRequestKeys => Set<BookingRequestKey>();
    public DbSet<Series.BookingSeries> BookingSeries => Set<Series.BookingSeries>();
    public DbSet<Sessions.GroupSession> GroupSessions => Set<Sessions.GroupSession>();
    public DbSet<Waitlist.WaitlistEntry> WaitlistEntries => Set<Waitlist.WaitlistEntry>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.ConsumerCursor> ConsumerCursors => Set<Notifications.ConsumerCursor>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<DatabaseStamp> DatabaseStamps => Set<DatabaseStamp>();

    /// <summary>Agenda changes to publish; add a row in the transaction that makes the change (<see cref="OutboxMessage.For"/>).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BarberProDbContext).Assembly);

        // Our entities create their Guid ids in their constructors. Keys EF thinks it generates would make a new child
        // added to a loaded parent (a history entry, a time off) look like an existing row to update.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("BarberPro.Domain", StringComparison.Ordinal) == true))
        {
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<Duration>().HaveConversion<DurationMinutesConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeConverter>();
        configurationBuilder.Properties<LocalDateTime>().HaveConversion<LocalDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<CentavosConverter>();
    }
}
