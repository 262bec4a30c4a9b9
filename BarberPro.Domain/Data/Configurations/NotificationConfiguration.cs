using BarberPro.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BarberPro.Domain.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Key).HasMaxLength(Notification.MaxKeyLength).IsRequired();
        b.HasIndex(n => n.Key).IsUnique();
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(n => n.Recipient).HasMaxLength(Notification.MaxRecipientLength).IsRequired();
        b.Property(n => n.Subject).HasMaxLength(Notification.MaxSubjectLength);
        b.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength).IsRequired();
        b.Property(n => n.Template).HasMaxLength(Notification.MaxTemplateLength);
        b.Property(n => n.Parameters).HasMaxLength(Notification.MaxParametersLength);
        b.Property(n => n.UserId).HasMaxLength(450);
        b.Property(n => n.LeaseOwner).HasMaxLength(Notification.MaxLeaseOwnerLength);
        b.Property(n => n.ProviderMessageId).HasMaxLength(Notification.MaxProviderMessageIdLength);
        b.Property(n => n.LastError).HasMaxLength(Notification.MaxErrorLength);
        // No foreign keys: a message outlives nothing it names and must never block deleting a booking or a shop.
        // The sender's claim (due rows by time), a booking's messages (moves and cancels), a reply's match, the "Mensajes" page.
        b.HasIndex(n => new { n.Status, n.DueAt });
        b.HasIndex(n => n.BookingId);
        b.HasIndex(n => n.ProviderMessageId);
        b.HasIndex(n => new { n.ShopId, n.CreatedAt });
    }
}

internal sealed class ConsumerCursorConfiguration : IEntityTypeConfiguration<ConsumerCursor>
{
    public void Configure(EntityTypeBuilder<ConsumerCursor> b)
    {
        b.ToTable("ConsumerCursors");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(64);
    }
}
