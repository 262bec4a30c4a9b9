namespace BarberPro.Web;

/// <summary>Marker for the owner and admin pages' texts in Resources/OwnerText(.en).resx; Spanish (es-AR) is the neutral language.</summary>
public sealed class OwnerText;
