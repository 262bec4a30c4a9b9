using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BarberPro.Domain.Data;

// Used only by `dotnet ef` (pick one with --context) to build each provider's model for migrations and scripts.
// None of them connects: the connection strings only name the provider's dialect.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBarberProDbContext>
{
    public SqliteBarberProDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteBarberProDbContext>(), DatabaseProvider.Sqlite,
            "Data Source=design-time.db", new DatabaseOptions()).Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlBarberProDbContext>
{
    public PostgreSqlBarberProDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgreSqlBarberProDbContext>(), DatabaseProvider.PostgreSql,
            "Host=localhost;Database=barberpro_design", new DatabaseOptions()).Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBarberProDbContext>
{
    public SqlServerBarberProDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqlServerBarberProDbContext>(), DatabaseProvider.SqlServer,
            "Server=localhost;Database=BarberProDesign;Integrated Security=true;TrustServerCertificate=true", new DatabaseOptions()).Options);
}
