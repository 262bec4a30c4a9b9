namespace BarberPro.Domain.Shops;

/// <summary>The kind of business a shop is. The engine knows nothing of it; the UI uses it for wording.</summary>
public enum Vertical
{
    Barber = 0,
    Psychologist = 1,
    Doctor = 2,
}
