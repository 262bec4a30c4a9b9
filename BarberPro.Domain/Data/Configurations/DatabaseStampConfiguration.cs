using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class DatabaseStampConfiguration : IEntityTypeConfiguration<DatabaseStamp>
{
    public void Configure(EntityTypeBuilder<DatabaseStamp> b)
    {
        b.ToTable("DatabaseStamp");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.InstanceId).HasMaxLength(DatabaseStamp.InstanceIdLength).IsRequired();
    }
}
