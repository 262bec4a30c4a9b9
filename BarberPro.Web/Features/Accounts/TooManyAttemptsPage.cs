using System.Globalization;
using System.Text.Encodings.Web;
using BarberPro.Web.Features.Api;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Accounts;

/// <summary>
/// The page a rate-limited form post gets: 429 with Retry-After and a short static page in the visitor's language
/// (texts from SharedResource). It is written directly, not rendered by Blazor: it must stay cheap under a flood.
/// </summary>
public static class TooManyAttemptsPage
{
    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = ApiRateLimits.RetryAfterSeconds(retryAfter);
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var wait = seconds switch
        {
            1 => l["TooMany.OneSecond"].Value,
            < 120 => l["TooMany.Seconds", seconds].Value,
            _ => l["TooMany.Minutes", (seconds + 59) / 60].Value,
        };
        var html = HtmlEncoder.Default;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{html.Encode(CultureInfo.CurrentUICulture.Name)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(l["TooMany.Title"])}</title>
            <link rel="stylesheet" href="/app.css">
            </head>
            <body>
            <main class="too-many">
            <h1>{html.Encode(l["TooMany.Title"])}</h1>
            <p>{html.Encode(l["TooMany.Text", wait])}</p>
            <p><a href="/">{html.Encode(l["TooMany.Home"])}</a></p>
            </main>
            </body>
            </html>
            """, context.RequestAborted);
    }
}
