using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Data;

/// <summary>
/// <see cref="BarberProDbContext"/> on SQLite (the default, embedded). Migrations: Data/Migrations/Sqlite.
/// <code>dotnet ef migrations add Name --project BarberPro.Domain --context SqliteBarberProDbContext --output-dir Data/Migrations/Sqlite</code>
/// </summary>
public sealed class SqliteBarberProDbContext(DbContextOptions<SqliteBarberProDbContext> options) : BarberProDbContext(options);

/// <summary>
/// <see cref="BarberProDbContext"/> on PostgreSQL (Npgsql). Migrations: Data/Migrations/PostgreSql. The initial
/// migration also creates <c>btree_gist</c> and the exclusion constraint <c>EX_Bookings_NoOverlap</c>: two bookings of
/// one provider whose blocked spans overlap cannot both be in a blocking status, whatever the application does.
/// <code>dotnet ef migrations add Name --project BarberPro.Domain --context PostgreSqlBarberProDbContext --output-dir Data/Migrations/PostgreSql</code>
/// </summary>
public sealed class PostgreSqlBarberProDbContext(DbContextOptions<PostgreSqlBarberProDbContext> options) : BarberProDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Gist indexes over uuid and equality need btree_gist (ships with PostgreSQL's contrib).
        builder.HasPostgresExtension("btree_gist");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // A shop's wall-clock time has no zone: Npgsql would otherwise map DateTime to timestamptz (UTC only).
        configurationBuilder.Properties<NodaTime.LocalDateTime>().HaveColumnType("timestamp without time zone");
    }
}

/// <summary>
/// <see cref="BarberProDbContext"/> on SQL Server. Migrations: Data/Migrations/SqlServer (no server runs on our
/// machines: CI checks the model against them and generates the idempotent script).
/// <code>dotnet ef migrations add Name --project BarberPro.Domain --context SqlServerBarberProDbContext --output-dir Data/Migrations/SqlServer</code>
/// </summary>
public sealed class SqlServerBarberProDbContext(DbContextOptions<SqlServerBarberProDbContext> options) : BarberProDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Idempotency keys are opaque and case-sensitive, as on SQLite and PostgreSQL; SQL Server's default collation
        // would make "abc" and "ABC" one key. (Slugs and emails are stored lower-case, so any collation agrees.)
        builder.Entity<Bookings.BookingRequestKey>().Property(k => k.Key).UseCollation("Latin1_General_100_BIN2");
    }
}
