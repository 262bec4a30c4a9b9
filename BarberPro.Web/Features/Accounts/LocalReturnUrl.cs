using System.Diagnostics.CodeAnalysis;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// The one rule for where a link may send the browser back to after signing in, registering or switching the
/// language: a path on this site. Anything else (another site, "//host", "/\host", "http:host", control characters
/// a browser would strip) is ignored and the user lands on their home page instead.
/// </summary>
public static class LocalReturnUrl
{
    /// <summary>Where a signed-in user lands: the page for their role.</summary>
    public const string Home = "/inicio";

    /// <summary>
    /// True for "/" followed by a path, query or fragment whose second character is neither "/" nor "\", with no
    /// backslash, whitespace or control character anywhere (browsers read "\" as "/" and drop tabs and newlines).
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
            return false;
        if (url.Length > 1 && url[1] is '/' or '\\')
            return false;
        foreach (var c in url)
        {
            if (c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c))
                return false;
        }
        return true;
    }

    /// <summary>The URL when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrElse(string? url, string fallback = Home) => IsLocal(url) ? url : fallback;

    /// <summary>The URL when it is local, otherwise null (for passing it on to the next page).</summary>
    public static string? OrNull(string? url) => IsLocal(url) ? url : null;
}
