using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class BookingRequestKeyConfiguration : IEntityTypeConfiguration<BookingRequestKey>
{
    public void Configure(EntityTypeBuilder<BookingRequestKey> b)
    {
        // The primary key is what makes a key single-use: of two requests inserting it at once, one fails.
        b.HasKey(k => new { k.UserId, k.Key });
        b.Property(k => k.UserId).HasMaxLength(450);
        b.Property(k => k.Key).HasMaxLength(BookingRequestKey.MaxKeyLength);
        b.Property(k => k.Fingerprint).HasMaxLength(64).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Booking>().WithMany().HasForeignKey(k => k.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(k => k.CreatedAt);
    }
}
