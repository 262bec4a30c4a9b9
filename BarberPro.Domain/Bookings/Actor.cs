namespace BarberPro.Domain.Bookings;

/// <summary>
/// The signed-in person on whose behalf a domain operation runs. Ownership (whose booking, whose agenda,
/// whose shop) is checked against <see cref="UserId"/>; the lifecycle table looks only at <see cref="Role"/>.
/// </summary>
public sealed record Actor(string UserId, ActorRole Role)
{
    public static Actor Customer(string userId) => new(userId, ActorRole.Customer);
    public static Actor Provider(string userId) => new(userId, ActorRole.Provider);
    public static Actor Owner(string userId) => new(userId, ActorRole.Owner);
    public static Actor Admin(string userId) => new(userId, ActorRole.Admin);

    public bool IsStaff => Role is not ActorRole.Customer;
}
