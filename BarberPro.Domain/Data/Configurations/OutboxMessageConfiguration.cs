using BarberPro.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        // Autoincrement (SQLite AUTOINCREMENT, identity on PostgreSQL and SQL Server): never reused after retention deletes.
        b.HasKey(m => m.Sequence);
        b.Property(m => m.Sequence).ValueGeneratedOnAdd();
        b.Property(m => m.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Dates).HasMaxLength(OutboxMessage.MaxDatesLength).IsRequired();
        b.Property(m => m.LeaseOwner).HasMaxLength(OutboxMessage.MaxLeaseOwnerLength);
        // No foreign keys: a row outlives nothing it names and must never block deleting a booking or a shop.
        // Pending rows in order (the dispatcher) and expired ones (retention) both read this index.
        b.HasIndex(m => new { m.DispatchedAt, m.Sequence });
    }
}
