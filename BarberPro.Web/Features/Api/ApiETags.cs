using Microsoft.Net.Http.Headers;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Weak ETags for availability answers, from what the answer says (the slots, their length and zone), not from when it was
/// computed: the same answer has the same tag on every server, so a client that sends it back in If-None-Match gets 304
/// and no body until a slot appears or goes.
/// </summary>
public static class ApiETags
{
    /// <summary>A weak tag over <paramref name="parts"/> (FNV-1a 64, stable across processes).</summary>
    public static string Weak(IEnumerable<long> parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            var value = unchecked((ulong)part);
            for (var i = 0; i < 8; i++, value >>= 8)
                hash = unchecked((hash ^ (value & 0xFF)) * 1099511628211UL);
        }
        return $"W/\"{hash:x16}\"";
    }

    /// <summary>The ticks of each start, the slots' length, and whatever else identifies the answer.</summary>
    public static string ForSlots(IEnumerable<Instant> starts, Duration duration, DateTimeZone zone, params Guid[] ids) =>
        Weak(ids.SelectMany(GuidParts)
            .Append(duration.BclCompatibleTicks)
            .Append(StableHash(zone.Id))
            .Concat(starts.Select(s => s.ToUnixTimeTicks())));

    /// <summary>Sets the tag; true when the request's If-None-Match already names it (answer 304 without a body).</summary>
    public static bool NotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        foreach (var sent in http.Request.GetTypedHeaders().IfNoneMatch)
        {
            // Weak comparison (RFC 9110 13.1.2): the opaque tags match, W/ or not.
            if (sent.Equals(EntityTagHeaderValue.Any) || sent.Tag.Equals(EntityTagHeaderValue.Parse(etag).Tag))
                return true;
        }
        return false;
    }

    private static IEnumerable<long> GuidParts(Guid id)
    {
        var bytes = id.ToByteArray();
        return [BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8)];
    }

    private static long StableHash(string text)
    {
        long h = 17;
        foreach (var c in text)
            h = unchecked(h * 31 + c);
        return h;
    }
}
