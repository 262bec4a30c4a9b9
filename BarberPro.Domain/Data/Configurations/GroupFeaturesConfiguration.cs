using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Series;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class BookingSeriesConfiguration : IEntityTypeConfiguration<BookingSeries>
{
    public void Configure(EntityTypeBuilder<BookingSeries> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Frequency).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.HasOne<Shop>().WithMany().HasForeignKey(x => x.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Offering>().WithMany().HasForeignKey(x => x.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.BlocksTime);
        b.HasOne<Shop>().WithMany().HasForeignKey(x => x.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Offering).WithMany().HasForeignKey(x => x.OfferingId).OnDelete(DeleteBehavior.Restrict);
        // The provider's agenda (same range seek as bookings) and the shop's sessions by time.
        b.HasIndex(x => new { x.ProviderId, x.BlockedStart, x.BlockedEnd });
        b.HasIndex(x => new { x.ShopId, x.Start });
    }
}

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Shop>().WithMany().HasForeignKey(x => x.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Offering>().WithMany().HasForeignKey(x => x.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GroupSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        // The queue of a shop's date in order of joining; a customer's entries; live holds of a provider.
        b.HasIndex(x => new { x.ShopId, x.Date, x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasIndex(x => new { x.OfferProviderId, x.Status, x.OfferBlockedStart });
    }
}
