using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Shop.MaxNameLength).IsRequired();
        b.Property(s => s.Slug).HasMaxLength(80).IsRequired();
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Property(s => s.Vertical).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(s => s.Address).HasMaxLength(Shop.MaxAddressLength);
        b.Property(s => s.Phone).HasMaxLength(Shop.MaxPhoneLength);
        b.Property(s => s.OwnerUserId).HasMaxLength(450);
        b.HasIndex(s => s.OwnerUserId);
        b.Property(s => s.AccentColor).HasMaxLength(7);
        b.Ignore(s => s.TimeZone);
        b.ComplexProperty(s => s.Policy, p =>
        {
            p.Property(x => x.CancellationWindow).HasColumnName("CancellationWindowMinutes");
            p.Property(x => x.MinimumNotice).HasColumnName("MinimumNoticeMinutes");
            p.Property(x => x.HorizonDays).HasColumnName("HorizonDays");
            p.Property(x => x.SlotStep).HasColumnName("SlotStepMinutes");
            p.Property(x => x.SeriesHorizonMonths).HasColumnName("SeriesHorizonMonths").HasDefaultValue(6);
            p.Property(x => x.WaitlistHold).HasColumnName("WaitlistHoldMinutes").HasDefaultValue(Duration.FromMinutes(15));
            // 0 means "no reminder", so no database default stands in for it: the migration fills existing shops with 24 and 2.
            p.Property(x => x.FirstReminderHours).HasColumnName("FirstReminderHours");
            p.Property(x => x.SecondReminderHours).HasColumnName("SecondReminderHours");
            p.Property(x => x.RequiresPatientDetails).HasColumnName("RequiresPatientDetails").HasDefaultValue(false);
        });
    }
}
