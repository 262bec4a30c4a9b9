using BarberPro.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class DataRightsRecordConfiguration : IEntityTypeConfiguration<DataRightsRecord>
{
    public void Configure(EntityTypeBuilder<DataRightsRecord> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Summary).HasMaxLength(DataRightsRecord.MaxSummaryLength).IsRequired();
        // No foreign key: the log outlives what it describes.
        b.HasIndex(r => new { r.CustomerId, r.At });
    }
}
