using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.FullName).HasMaxLength(Customer.MaxNameLength).IsRequired();
        b.Property(c => c.Phone).HasMaxLength(20);
        b.Property(c => c.Email).HasMaxLength(Customer.MaxEmailLength);
        b.Property(c => c.UserId).HasMaxLength(450);
        b.HasIndex(c => c.UserId).IsUnique();
        b.HasIndex(c => c.Phone);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
