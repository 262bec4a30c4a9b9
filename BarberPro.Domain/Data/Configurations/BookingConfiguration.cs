using BarberPro.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Notes).HasMaxLength(Booking.MaxNotesLength);
        b.Property(x => x.CancellationReason).HasMaxLength(Booking.MaxNotesLength);
        b.Property(x => x.CancelledByUserId).HasMaxLength(450);
        b.Property(x => x.CreatedByRole).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CancelledByRole).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.BlockedSpan);
        b.Property(x => x.Version).IsConcurrencyToken();

        b.HasOne(x => x.Shop).WithMany().HasForeignKey(x => x.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Provider).WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Offering).WithMany().HasForeignKey(x => x.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(h => h.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Parts).WithOne().HasForeignKey(p => p.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Parts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.OfferingIds);
        b.Ignore(x => x.ServiceName);
        b.Ignore(x => x.Services);

        // "This provider's agenda between two instants" is one range seek: ProviderId = @p AND BlockedStart
        // between (@from - longest blocked span) and @to. See AgendaQueries.Overlapping.
        b.HasIndex(x => new { x.ProviderId, x.BlockedStart, x.BlockedEnd });
        b.HasIndex(x => new { x.CustomerId, x.Start });
        b.HasIndex(x => new { x.ShopId, x.Start });
        // A provider's agenda by start time (staff pages list bookings by Start, not by blocked span).
        b.HasIndex(x => new { x.ProviderId, x.Start });
        // Reports by the shop's day.
        b.HasIndex(x => new { x.ShopId, x.LocalStartDate });
        // A barber's own reports by day (analytics filtered to one provider).
        b.HasIndex(x => new { x.ProviderId, x.LocalStartDate });
        // "Has this client visited this shop before the range?": one covering seek per client, whatever the planner knows.
        b.HasIndex(x => new { x.CustomerId, x.ShopId, x.Status, x.LocalStartDate });
        // A series' occurrences and a session's seats.
        b.HasIndex(x => new { x.SeriesId, x.SeriesIndex });
        b.HasIndex(x => x.SessionId);
        b.HasOne<Series.BookingSeries>().WithMany().HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Sessions.GroupSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BookingPartConfiguration : IEntityTypeConfiguration<BookingPart>
{
    public void Configure(EntityTypeBuilder<BookingPart> b)
    {
        b.ToTable("BookingParts");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(Catalog.Offering.MaxNameLength).IsRequired();
        b.Property(p => p.Duration).HasColumnName("DurationMinutes");
        b.HasIndex(p => new { p.BookingId, p.Position }).IsUnique();
        b.HasOne<Catalog.Offering>().WithMany().HasForeignKey(p => p.OfferingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BookingHistoryEntryConfiguration : IEntityTypeConfiguration<BookingHistoryEntry>
{
    public void Configure(EntityTypeBuilder<BookingHistoryEntry> b)
    {
        b.ToTable("BookingHistory");
        b.HasKey(h => h.Id);
        b.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ByRole).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ByUserId).HasMaxLength(450);
        b.Property(h => h.Reason).HasMaxLength(Booking.MaxNotesLength);
        b.HasIndex(h => new { h.BookingId, h.At });
    }
}
