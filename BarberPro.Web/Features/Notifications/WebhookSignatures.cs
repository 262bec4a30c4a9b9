using System.Security.Cryptography;
using System.Text;

namespace BarberPro.Web.Features.Notifications;

/// <summary>How the providers sign their inbound webhooks; every comparison is constant-time.</summary>
public static class WebhookSignatures
{
    /// <summary>WhatsApp (Meta): <c>X-Hub-Signature-256: sha256=</c> + hex HMAC-SHA256 of the raw body with the app secret.</summary>
    public static bool IsValidWhatsApp(ReadOnlySpan<byte> body, string? header, string? appSecret)
    {
        const string prefix = "sha256=";
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body)));
        var given = Encoding.ASCII.GetBytes(header[prefix.Length..].ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string WhatsApp(ReadOnlySpan<byte> body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>
    /// Twilio: <c>X-Twilio-Signature</c> = base64 HMAC-SHA1, keyed with the auth token, of the full URL followed by every
    /// POST parameter's name and value, sorted by name.
    /// </summary>
    public static bool IsValidTwilio(string url, IEnumerable<KeyValuePair<string, string>> form, string? header, string? authToken)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(header))
            return false;
        var expected = Encoding.ASCII.GetBytes(Twilio(url, form, authToken));
        var given = Encoding.ASCII.GetBytes(header);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Twilio(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
            data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
