using BarberPro.Web.Features.Security;

namespace BarberPro.Tests.Web.Security;

public sealed class ProxyHeadersTests
{
    [Fact]
    public void TrustedNetworks_ReadsCidrAndSingleAddresses()
    {
        var networks = ProxyHeaders.ParseNetworks(" 10.0.0.0/8, 192.168.1.5 ,fd00::/8");
        Assert.Equal(["10.0.0.0/8", "192.168.1.5/32", "fd00::/8"], networks.Select(n => n.ToString()));
        Assert.Empty(ProxyHeaders.ParseNetworks(null));
    }

    [Fact]
    public void TrustedNetworks_ATypo_StopsStartUp_NamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProxyHeaders.ParseNetworks("10.0.0.0/8, 10.0.0/33x"));
        Assert.Contains("10.0.0/33x", error.Message, StringComparison.Ordinal);
    }
}
