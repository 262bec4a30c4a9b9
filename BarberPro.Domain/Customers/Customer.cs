using BarberPro.Domain.Common;

namespace BarberPro.Domain.Customers;

/// <summary>
/// A person who books. Customers who book themselves give a phone (E.164, Argentine mobile): it is how the shop
/// reaches them (WhatsApp reminders). Walk-ins are customers without an account that staff add by hand
/// (<see cref="WalkIn"/>): a name is enough, the phone is optional. Email is optional, and present when they have
/// an account, since accounts sign in with it. See docs/decisions/0002.
/// </summary>
public sealed class Customer
{
    public const int MaxNameLength = 120;
    public const int MaxEmailLength = 256;

    private Customer() { }

    public Customer(string fullName, string phone, string? email = null, string? userId = null)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Update(fullName, phone, email);
    }

    /// <summary>A walk-in added by staff: a name (a first name is enough); the phone, when given, must be a valid one.</summary>
    public static Customer WalkIn(string name, string? phone)
    {
        name = PlainText.Name(name);
        if (name.Length is < 2 or > MaxNameLength)
            throw new DomainException(new("customer.walk_in_name", $"Ingresá el nombre del cliente (entre 2 y {MaxNameLength} caracteres).", "FullName"));
        return new Customer
        {
            Id = Guid.CreateVersion7(),
            FullName = name,
            Phone = string.IsNullOrWhiteSpace(phone) ? null : ArgentinePhone.Normalize(phone),
        };
    }

    public Guid Id { get; private set; }
    /// <summary>The Identity user id when the customer has an account.</summary>
    public string? UserId { get; private set; }
    public string FullName { get; private set; } = "";
    /// <summary>E.164, e.g. +5491123456789; null for a walk-in who left no phone.</summary>
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    /// <summary>
    /// The channels the customer wants booking messages on (WhatsApp and email by default). Account messages (email
    /// confirmation, password reset) go by email whatever this says.
    /// </summary>
    public Notifications.ContactChannels Channels { get; private set; } = Notifications.ContactChannels.Default;

    /// <summary>The customer asked for no reminders (confirmations and changes still go out).</summary>
    public bool RemindersOff { get; private set; }

    /// <summary>Sets the channels the customer wants and whether they want reminders.</summary>
    public void ChangeNotificationPreferences(Notifications.ContactChannels channels, bool remindersOff)
    {
        Channels = channels;
        RemindersOff = remindersOff;
    }

    public void Update(string fullName, string phone, string? email)
    {
        fullName = CleanFullName(fullName);
        email = PlainText.Name(email).ToLowerInvariant();
        if (email.Length > MaxEmailLength)
            throw new DomainException(new("customer.email", $"El email puede tener hasta {MaxEmailLength} caracteres.", nameof(Email)));
        FullName = fullName;
        Phone = ArgentinePhone.Normalize(phone);
        Email = email.Length == 0 ? null : email;
    }

    /// <summary>
    /// A customer's full name as it is kept (<see cref="PlainText.Name"/>: no invisible or control characters), or a
    /// <see cref="DomainException"/> when it is not 2 to <see cref="MaxNameLength"/> characters long.
    /// </summary>
    public static string CleanFullName(string? fullName)
    {
        var name = PlainText.Name(fullName);
        if (name.Length is < 2 or > MaxNameLength)
            throw new DomainException(new("customer.name", $"Ingresá nombre y apellido (entre 2 y {MaxNameLength} caracteres).", "FullName"));
        return name;
    }

    public void LinkUser(string userId) => UserId = userId;

    /// <summary>What an erased customer is called on the shop's past bookings (data-rights deletion).</summary>
    public const string ErasedName = "Cliente eliminado";

    /// <summary>Whether the person deleted their account and this is only the anonymous history of their bookings.</summary>
    public bool IsErased => FullName == ErasedName && Phone is null && Email is null;

    /// <summary>
    /// Data-rights deletion: the name becomes <see cref="ErasedName"/>, phone and email are dropped and no message may
    /// reach them. The account link stays until the account itself is deleted (<see cref="UnlinkUser"/>), so a deletion
    /// that stopped half-way is found again and finished.
    /// </summary>
    internal void Erase()
    {
        FullName = ErasedName;
        Phone = null;
        Email = null;
        Channels = Notifications.ContactChannels.None;
        RemindersOff = true;
    }

    /// <summary>Forgets the account (it is being deleted): the record is now only anonymous history.</summary>
    internal void UnlinkUser() => UserId = null;
}
