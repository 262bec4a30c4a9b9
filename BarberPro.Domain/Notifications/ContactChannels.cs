namespace BarberPro.Domain.Notifications;

/// <summary>The channels a customer wants booking messages on.</summary>
[Flags]
public enum ContactChannels
{
    None = 0,
    WhatsApp = 1,
    Sms = 2,
    Email = 4,

    /// <summary>What a new customer gets: WhatsApp and email.</summary>
    Default = WhatsApp | Email,
}

/// <summary>The one rule of who gets what: which messages a customer's preferences let through, at planning and again at sending.</summary>
public static class MessagePreferences
{
    /// <summary>The preference flag of a channel.</summary>
    public static ContactChannels Of(NotificationChannel channel) => channel switch
    {
        NotificationChannel.WhatsApp => ContactChannels.WhatsApp,
        NotificationChannel.Sms => ContactChannels.Sms,
        _ => ContactChannels.Email,
    };

    /// <summary>
    /// Whether a customer who chose <paramref name="chosen"/> (and turned reminders off or not) gets a message of
    /// <paramref name="kind"/> on <paramref name="channel"/>. Account messages (email confirmation, password reset) are not
    /// the customer's to turn off, and a barber's agenda messages follow the barber's setting, not the customer's.
    /// </summary>
    public static bool Allows(ContactChannels chosen, bool remindersOff, NotificationKind kind, NotificationChannel channel) => kind switch
    {
        _ when Notification.IsAccountKind(kind) => true,
        NotificationKind.StaffAgendaChanged => true,
        NotificationKind.Reminder when remindersOff => false,
        _ => chosen.HasFlag(Of(channel)),
    };
}
