namespace BarberPro.Web.Features.Preferences;

/// <summary>Where a customer stops or changes their messages (and a barber their agenda messages): each message's "how to stop them" links here.</summary>
public static class PreferencesLinks
{
    public const string Path = "/cuenta/avisos";
}
