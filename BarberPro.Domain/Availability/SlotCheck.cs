using BarberPro.Domain.Common;

namespace BarberPro.Domain.Availability;

/// <summary>Why a start instant can or cannot be booked, in the order the engine checks.</summary>
public enum SlotCheck
{
    Available,
    InPast,
    TooSoon,
    BeyondHorizon,
    /// <summary>The whole shop is closed that day (<see cref="Shops.ShopClosure"/>).</summary>
    ShopClosed,
    OutsideHours,
    Taken,
}

public static class SlotCheckErrors
{
    /// <summary>The Spanish explanation of a refusal; null for <see cref="SlotCheck.Available"/>.</summary>
    public static DomainError? ToError(this SlotCheck check) => check switch
    {
        SlotCheck.Available => null,
        SlotCheck.InPast => new("slot.in_past", "Ese horario ya pasó. Elegí otro.", "StartTime"),
        SlotCheck.TooSoon => new("slot.too_soon", "Ese horario está demasiado cerca: el local pide más anticipación.", "StartTime"),
        SlotCheck.BeyondHorizon => new("slot.beyond_horizon", "Todavía no se puede reservar tan adelante. Elegí una fecha más cercana.", "StartTime"),
        SlotCheck.ShopClosed => new("slot.shop_closed", "El local está cerrado ese día. Elegí otra fecha.", "StartTime"),
        SlotCheck.OutsideHours => new("slot.outside_hours", "Ese horario no está disponible en la agenda del profesional.", "StartTime"),
        SlotCheck.Taken => new("slot.taken", "Ese horario acaba de ocuparse. Elegí otro de los disponibles.", "StartTime"),
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };
}
