namespace BarberPro.Web;

/// <summary>Marker for the UI texts in Resources/SharedResource(.en).resx; Spanish (es-AR) is the neutral language.</summary>
public sealed class SharedResource;
