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
