namespace BarberPro.Web.Features.Analytics;

/// <summary>Who an analytics page is for: whoever runs the shop (owner, admin) or a barber, who sees their own numbers.</summary>
public enum AnalyticsAudience
{
    Owner,
    Barber,
}

/// <summary>The analytics pages' addresses and the names of their query-string parameters (shared by the CSV export).</summary>
public static class AnalyticsPages
{
    public const string OwnerPath = "/admin/analitica";
    public const string BarberPath = "/agenda/analitica";

    public static string PathFor(AnalyticsAudience audience) => audience == AnalyticsAudience.Owner ? OwnerPath : BarberPath;
}
