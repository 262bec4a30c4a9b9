using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Domain.Catalog;

/// <summary>
/// Something a shop sells by appointment ("Servicio" in the UI): a haircut, a beard trim, a therapy session.
/// Named Offering in code so it never collides with dependency-injection "services".
/// </summary>
public sealed class Offering
{
    /// <summary>Duration plus buffers may not exceed this; the agenda's range queries rely on it.</summary>
    public static readonly Duration MaxBlockedSpan = Duration.FromHours(12);
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    private Offering() { }

    public Offering(Guid shopId, string name, Duration duration, decimal price,
        Duration? bufferBefore = null, Duration? bufferAfter = null, int capacity = 1, string? description = null)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        Update(name, duration, price, bufferBefore ?? Duration.Zero, bufferAfter ?? Duration.Zero, capacity, description);
        Active = true;
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public Shop? Shop { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>How long the customer is served.</summary>
    public Duration Duration { get; private set; }
    /// <summary>Preparation time blocked before the start (it may not overlap another booking).</summary>
    public Duration BufferBefore { get; private set; }
    /// <summary>Cleanup time blocked after the end.</summary>
    public Duration BufferAfter { get; private set; }
    /// <summary>Price in the shop's currency (ARS), snapshotted into each booking.</summary>
    public decimal Price { get; private set; }
    /// <summary>1 for an individual appointment; more for a group session.</summary>
    public int Capacity { get; private set; } = 1;

    /// <summary>
    /// A group offering (capacity above 1) is taken only as seats in group sessions (<see cref="Sessions.GroupSession"/>),
    /// never booked one customer at a time.
    /// </summary>
    public bool IsGroup => Capacity > 1;

    /// <summary><see cref="IsGroup"/> as a query filter.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Offering, bool>> Grouped = o => o.Capacity > 1;
    public bool Active { get; private set; }

    public void Update(string name, Duration duration, decimal price, Duration bufferBefore, Duration bufferAfter, int capacity, string? description = null)
    {
        name = PlainText.Name(name);
        if (name.Length is < 2 or > MaxNameLength)
            throw new DomainException(new("offering.name", $"El nombre del servicio debe tener entre 2 y {MaxNameLength} caracteres.", nameof(Name)));
        description = PlainText.Text(description);
        if (description?.Length > MaxDescriptionLength)
            throw new DomainException(new("offering.description", $"La descripción puede tener hasta {MaxDescriptionLength} caracteres.", nameof(Description)));
        if (!BookingPolicy.IsWholeMinutes(duration) || duration < Duration.FromMinutes(5))
            throw new DomainException(new("offering.duration", "La duración debe ser de al menos 5 minutos, en minutos enteros.", nameof(Duration)));
        if (!BookingPolicy.IsWholeMinutes(bufferBefore) || !BookingPolicy.IsWholeMinutes(bufferAfter) || bufferBefore < Duration.Zero || bufferAfter < Duration.Zero)
            throw new DomainException(new("offering.buffer", "Los tiempos de preparación y limpieza deben ser minutos enteros, no negativos.", nameof(BufferBefore)));
        if (duration + bufferBefore + bufferAfter > MaxBlockedSpan)
            throw new DomainException(new("offering.too_long", "Un servicio, con sus tiempos de preparación, no puede superar las 12 horas.", nameof(Duration)));
        if (price < 0 || price > 100_000_000m || decimal.Round(price, 2) != price)
            throw new DomainException(new("offering.price", "El precio debe ser un importe en pesos no negativo, con hasta 2 decimales.", nameof(Price)));
        if (capacity is < 1 or > 100)
            throw new DomainException(new("offering.capacity", "La capacidad debe estar entre 1 y 100 personas.", nameof(Capacity)));
        Name = name;
        Description = description;
        Duration = duration;
        Price = price;
        BufferBefore = bufferBefore;
        BufferAfter = bufferAfter;
        Capacity = capacity;
    }

    public void Deactivate() => Active = false;
    public void Activate() => Active = true;
}
