using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BarberPro.Domain.Data;

/// <summary>Used only by <c>dotnet ef</c> to build the model for migrations.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BarberProDbContext>
{
    public BarberProDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BarberProDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(BarberProDbContext).Assembly.FullName))
            .Options);
}
