using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class BookingPrivateNoteConfiguration : IEntityTypeConfiguration<BookingPrivateNote>
{
    public void Configure(EntityTypeBuilder<BookingPrivateNote> b)
    {
        b.HasKey(n => n.BookingId);
        b.Property(n => n.Text).HasMaxLength(BookingPrivateNote.MaxTextLength).IsRequired();
        b.HasIndex(n => n.ProviderId);
        b.HasOne<Booking>().WithOne().HasForeignKey<BookingPrivateNote>(n => n.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Provider>().WithMany().HasForeignKey(n => n.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}
