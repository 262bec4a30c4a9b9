using BarberPro.Domain.Accounts;
using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using BarberPro.Tests.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web;

/// <summary>
/// One setting, <c>App:PublicBaseUrl</c>, is where every link we send points: account links (password reset, email
/// confirmation) and booking links in notifications alike; a forged Host header cannot move them elsewhere.
/// </summary>
public sealed class PublicAddressTests(PublicAddressTests.PublicAddressApp app) : IClassFixture<PublicAddressTests.PublicAddressApp>
{
    private const string PublicAddress = "https://turnos.barberpro.example";

    public sealed class PublicAddressApp : BarberProWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = PublicAddress + "/",
        };
    }

    [Fact]
    public async Task AResetLinkRequestedWithAForgedHost_PointsToThePublicAddress()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "host-falso", Roles.Customer);
        using var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        await AccountEmailTests.PostForgotAsync(client, email);

        var body = Assert.Single(await AccountEmailTests.RowsToAsync(app, email)).Body;
        Assert.StartsWith(PublicAddress + "/cuenta/restablecer?", AccountEmailTests.LinkIn(body));
        Assert.DoesNotContain("evil.example", body);
    }

    [Fact]
    public void BookingLinks_PointToTheSameAddress()
    {
        var templates = app.Services.GetRequiredService<NotificationTemplates>();

        Assert.Equal(PublicAddress + "/mis-turnos", templates.LinkTo(null));
    }
}
