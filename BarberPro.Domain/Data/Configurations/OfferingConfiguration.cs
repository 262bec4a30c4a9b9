using BarberPro.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public void Configure(EntityTypeBuilder<Offering> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Name).HasMaxLength(Offering.MaxNameLength).IsRequired();
        b.Property(o => o.Description).HasMaxLength(Offering.MaxDescriptionLength);
        b.Property(o => o.Duration).HasColumnName("DurationMinutes");
        b.Property(o => o.BufferBefore).HasColumnName("BufferBeforeMinutes");
        b.Property(o => o.BufferAfter).HasColumnName("BufferAfterMinutes");
        b.HasOne(o => o.Shop).WithMany().HasForeignKey(o => o.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.ShopId, o.Name });
    }
}
