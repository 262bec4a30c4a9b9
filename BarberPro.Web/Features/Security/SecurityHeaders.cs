using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpsPolicy;

namespace BarberPro.Web.Features.Security;

/// <summary>
/// The browser-facing defences in one place (docs/SECURITY.md): the response headers of every page, API answer and
/// static file, HTTPS and Secure cookies outside Development/Testing, and no <c>Server</c> header.
/// </summary>
/// <remarks>
/// Pages get a Content-Security-Policy with a fresh nonce per request for the one inline script Blazor renders (the
/// import map); everything else Blazor and MudBlazor run is a file from this origin. Styles allow 'unsafe-inline'
/// because MudBlazor and Blazor's DOM updates write style attributes (positions, colours, the agenda grid).
/// </remarks>
public static partial class SecurityHeaders
{
    /// <summary>Environments where the app runs on plain HTTP on purpose (a developer's machine, the test fixtures).</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>The name prefix browsers accept only on Secure, host-only cookies with path /.</summary>
    public const string HostPrefix = "__Host-";

    private const string NonceItemKey = "BarberPro.Security.CspNonce";

    /// <summary>What an API answer may load: nothing; and no page may frame it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), " +
        "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    /// <summary>True outside Development and Testing: HTTPS redirection, HSTS and Secure cookies are on.</summary>
    public static bool IsDeployed(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment(TestingEnvironment);

    /// <summary>
    /// Kestrel without a Server header; when deployed, cookies Secure and HSTS for a year. The headers, HTTPS
    /// redirection and HSTS run first in the pipeline (a startup filter), ahead of authentication, so that a 401 or a
    /// redirect to the sign-in page carries them too.
    /// </summary>
    public static WebApplicationBuilder AddBarberProSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var services = builder.Services;
        services.AddTransient<IStartupFilter, FirstInPipeline>();
        services.AddBarberProProxyHeaders(builder.Configuration);
        if (!IsDeployed(builder.Environment))
            return builder;

        // Every cookie the app writes (sign-in, two-factor, antiforgery, culture, any later one) travels over HTTPS only;
        // the sign-in and antiforgery cookies are also __Host- cookies: this host only, path /, never set over HTTP.
        services.PostConfigureAll<CookieAuthenticationOptions>(o => HostOnly(o.Cookie));
        services.PostConfigure<AntiforgeryOptions>(o => HostOnly(o.Cookie));
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        services.Configure<HstsOptions>(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    private static void HostOnly(CookieBuilder cookie)
    {
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
        if (cookie.Name is { } name && !name.StartsWith(HostPrefix, StringComparison.Ordinal))
            cookie.Name = HostPrefix + name;
    }

    private sealed class FirstInPipeline(IWebHostEnvironment environment) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // First: everything after it (HTTPS redirection, cookies, rate limits, logs) sees the client, not the proxy.
            app.UseForwardedHeaders();
            if (IsDeployed(environment))
            {
                app.UseHsts();
                app.UseHttpsRedirection();
                app.UseCookiePolicy();
            }
            app.Use(static (context, next) =>
            {
                context.Response.OnStarting(static state => AddHeaders((HttpContext)state), context);
                return next(context);
            });
            next(app);
        };
    }

    /// <summary>This request's CSP nonce (made on first use): put it on any inline script the page renders.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceItemKey] is string nonce)
            return nonce;
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceItemKey] = nonce;
        return nonce;
    }

    /// <summary>The page policy for this request: its nonce and the circuit's websocket on this host.</summary>
    public static string PagePolicy(HttpContext context)
    {
        var host = context.Request.Host.Value;
        // Host is already validated by Kestrel; the pattern only keeps anything unexpected out of the header.
        var websocket = host is not null && SafeHost().IsMatch(host) ? $" ws://{host} wss://{host}" : "";
        return "default-src 'self'; " +
            $"script-src 'self' 'nonce-{Nonce(context)}'; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; " +
            "font-src 'self' data:; " +
            $"connect-src 'self'{websocket}; " +
            "worker-src 'self' blob:; " +
            "frame-ancestors 'none'; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            "form-action 'self'";
    }

    private static Task AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";

        var isApi = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
        var isHtml = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        if (isHtml)
        {
            headers.ContentSecurityPolicy = PagePolicy(context);
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = PermissionsPolicy;
        }
        else if (isApi)
        {
            headers.ContentSecurityPolicy = ApiPolicy;
        }

        // What a signed-in person sees (their bookings, a shop's customers) stays out of every cache.
        var authenticated = context.User.Identity?.IsAuthenticated == true || context.Request.Headers.Authorization.Count > 0;
        if (authenticated && (isApi || isHtml))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-\[\]:]+$")]
    private static partial Regex SafeHost();
}
