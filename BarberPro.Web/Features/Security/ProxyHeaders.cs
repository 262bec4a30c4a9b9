using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BarberPro.Web.Features.Security;

/// <summary>
/// Behind the reverse proxy (docs/DEPLOY.md) every request comes from the proxy's address over plain HTTP. The proxy
/// names the client and the scheme in X-Forwarded-For and X-Forwarded-Proto; this reads them — only from a trusted
/// proxy — so that per-IP rate limits are per client (not one limit for everyone the proxy sends), the HTTPS
/// redirection and Secure cookies see the browser's HTTPS, and logs show the client's address.
/// Trusted: loopback always, plus <c>Proxy:TrustedNetworks</c> (comma-separated CIDR, e.g. "10.0.0.0/8") for a proxy on a
/// private network. A request from anywhere else keeps its own address whatever headers it sends.
/// </summary>
public static class ProxyHeaders
{
    public const string TrustedNetworksKey = "Proxy:TrustedNetworks";

    public static IServiceCollection AddBarberProProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = ParseNetworks(configuration[TrustedNetworksKey]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: the last address it appended is the client.
            o.ForwardLimit = 1;
            foreach (var network in networks)
                o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>The networks in <paramref name="value"/>; an entry that is not CIDR stops start-up with its text.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> ParseNetworks(string? value)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
                networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address))
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
                throw new InvalidOperationException($"{TrustedNetworksKey}: \"{entry}\" is not an address or a CIDR network (e.g. 10.0.0.0/8).");
        }
        return networks;
    }
}
