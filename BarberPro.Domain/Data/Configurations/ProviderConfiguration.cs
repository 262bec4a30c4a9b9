using BarberPro.Domain.Accounts;
using BarberPro.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.DisplayName).HasMaxLength(Provider.MaxNameLength).IsRequired();
        b.Property(p => p.PhotoUrl).HasMaxLength(400);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasIndex(p => p.UserId).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(p => p.Shop).WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Calendar).WithOne().HasForeignKey<ProviderCalendar>(c => c.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.WorkingHours).WithOne().HasForeignKey(w => w.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.TimeOff).WithOne().HasForeignKey(t => t.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Overrides).WithOne().HasForeignKey(o => o.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Offerings).WithMany().UsingEntity("ProviderOfferings");
        b.Navigation(p => p.WorkingHours).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.TimeOff).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Overrides).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Offerings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProviderCalendarConfiguration : IEntityTypeConfiguration<ProviderCalendar>
{
    public void Configure(EntityTypeBuilder<ProviderCalendar> b)
    {
        b.HasKey(c => c.ProviderId);
        // Application-set token: every provider-neutral UPDATE carries "WHERE Version = @original".
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class WorkingIntervalConfiguration : IEntityTypeConfiguration<WorkingInterval>
{
    public void Configure(EntityTypeBuilder<WorkingInterval> b)
    {
        b.HasKey(w => w.Id);
        b.HasIndex(w => new { w.ProviderId, w.Day });
        b.Ignore(w => w.Range);
    }
}

internal sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Reason).HasMaxLength(Provider.MaxNoteLength);
        b.HasIndex(t => new { t.ProviderId, t.Start });
        // "Time off that has not ended by X": a lower bound that stays small however much history a provider has.
        b.HasIndex(t => new { t.ProviderId, t.End });
    }
}

internal sealed class DateOverrideConfiguration : IEntityTypeConfiguration<DateOverride>
{
    public void Configure(EntityTypeBuilder<DateOverride> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Note).HasMaxLength(Provider.MaxNoteLength);
        b.HasIndex(o => new { o.ProviderId, o.Date });
    }
}
