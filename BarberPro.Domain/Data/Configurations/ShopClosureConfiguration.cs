using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class ShopClosureConfiguration : IEntityTypeConfiguration<ShopClosure>
{
    public void Configure(EntityTypeBuilder<ShopClosure> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Note).HasMaxLength(ShopClosure.MaxNoteLength);
        // One closure per shop and date; also the index the availability loader seeks by date range.
        b.HasIndex(c => new { c.ShopId, c.Date }).IsUnique();
        b.HasOne<Shop>().WithMany(s => s.Closures).HasForeignKey(c => c.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
