using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class ShopImageConfiguration : IEntityTypeConfiguration<ShopImage>
{
    public void Configure(EntityTypeBuilder<ShopImage> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.ContentType).HasMaxLength(32).IsRequired();
        b.Property(i => i.Data).IsRequired();
        b.Property(i => i.Caption).HasMaxLength(ShopImage.MaxCaptionLength);
        b.HasIndex(i => new { i.ShopId, i.Kind, i.SortOrder });
        b.HasOne<Shop>().WithMany().HasForeignKey(i => i.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
