using BarberPro.Domain.Customers;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class ShopCustomerConfiguration : IEntityTypeConfiguration<ShopCustomer>
{
    public void Configure(EntityTypeBuilder<ShopCustomer> b)
    {
        // One row per shop and customer; the key is also the index "is this a customer of the shop" seeks.
        b.HasKey(l => new { l.ShopId, l.CustomerId });
        b.HasIndex(l => l.CustomerId);
        b.Property(l => l.NationalId).HasMaxLength(8);
        b.Property(l => l.HealthInsurance).HasMaxLength(ShopCustomer.MaxHealthInsuranceLength);
        b.Property(l => l.Notes).HasMaxLength(ShopCustomer.MaxNotesLength);
        b.HasOne<Shop>().WithMany().HasForeignKey(l => l.ShopId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
