using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BarberPro.Tests.TwoNodes;

/// <summary>
/// A server dies under a customer who is booking: in Debian's chromium, through nginx, a customer walks the wizard to
/// its last step (service, barber, day and time chosen); the node serving the page (nginx's X-BarberPro-Upstream, a
/// header scripts/two-nodes.sh adds for the tests) is killed with SIGKILL. Blazor's reconnection reaches the other node
/// through the proxy, which does not know the circuit and rejects it; the page reloads there and, because the wizard
/// keeps its choices in the address, comes back at the same step with the same choices; the customer confirms and the
/// booking is in the database. The time from the kill to the confirm button usable again is printed, not asserted.
/// </summary>
[Trait("Category", TwoNodesDeployment.Category)]
[Trait(TwoNodesDeployment.Phase, TwoNodesDeployment.Failover)]
public sealed class WizardFailoverTests(LiveAcrossNodesTests.Browser browser, ITestOutputHelper output) : IClassFixture<LiveAcrossNodesTests.Browser>
{
    private const string UpstreamHeader = "x-barberpro-upstream";

    private static TwoNodesDeployment Deployment => TwoNodesDeployment.Current;

    /// <summary>The node nginx passed a response from (the last address when it tried more than one).</summary>
    private static async Task<Uri> ServedByAsync(IResponse response)
    {
        var header = await response.HeaderValueAsync(UpstreamHeader);
        Assert.False(string.IsNullOrEmpty(header), $"no {UpstreamHeader} header on {response.Url}: the script's nginx adds it");
        var address = header.Split(',', StringSplitOptions.TrimEntries)[^1];
        foreach (var node in new[] { Deployment.NodeA, Deployment.NodeB })
            if (address == $"{node.Host}:{node.Port}")
                return node;
        throw new Xunit.Sdk.XunitException($"{UpstreamHeader} names {header}, neither node A ({Deployment.NodeA}) nor B ({Deployment.NodeB})");
    }

    [Fact]
    public async Task TheNodeServingTheWizardIsKilled_ThePageComesBackOnTheOtherNodeAtTheSameStep_AndTheBookingIsMade()
    {
        var demo = await Deployment.DemoAsync();
        var day = TwoNodesDeployment.QuietTuesday.PlusDays(7); // a week after the storm's days
        var free = await Deployment.FreeStartsAsync(demo.Nacho, demo.Corte, day);
        Assert.True(free.Count > 0, $"no free start for Nacho on {day:yyyy-MM-dd}");
        var start = Instant.FromDateTimeOffset(free[free.Count / 2]);

        var email = $"failover-{Guid.NewGuid():N}@example.com";
        using (var api = TwoNodesDeployment.Client(Deployment.Proxy))
        {
            var registered = await api.PostAsJsonAsync("/api/v1/auth/register",
                new { fullName = "Cliente Failover", email, phone = "+5491123456789", password = ApiWebApp.DemoPassword });
            Assert.True(registered.StatusCode == HttpStatusCode.Created, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        }

        var page = await browser.NewPageAsync(Deployment.Proxy, phone: true);
        await BrowserFixture.SignInAsync(page, email);

        // Through the steps as a person does, each choice by a click.
        var opened = await page.GotoAsync("/local/barberpro-palermo/reservar");
        Assert.NotNull(opened);
        var first = await ServedByAsync(opened);
        await page.Locator("#interactive-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var wizard = new BookingWizardPage(page);
        await wizard.PickServiceAsync("Corte");
        await wizard.PickProviderAsync("Nacho");
        var dayButton = page.Locator($".day[data-date='{day:yyyy-MM-dd}']");
        // A month with free days is on screen (the wizard skips to the next month by itself when this one has none left);
        // the day is at most about five weeks ahead, so it is in that month or the next.
        await Assertions.Expect(page.Locator(".day:enabled").First).ToBeVisibleAsync();
        if (await dayButton.CountAsync() == 0)
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mes siguiente" }).ClickAsync();
        await wizard.PickDayAsync(day);
        await page.Locator($".slot[data-start='{start}']").ClickAsync();
        var confirm = page.Locator("#confirm-booking");
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        var chosenAddress = page.Url;
        Assert.Contains($"dia={day:yyyy-MM-dd}", chosenAddress, StringComparison.Ordinal);

        // Kill the node the page is on; the reload that follows the rejected reconnection is the document request we wait for.
        var survivor = first == Deployment.NodeA ? Deployment.NodeB : Deployment.NodeA;
        var victim = Process.GetProcessById(first == Deployment.NodeA ? Deployment.NodeAPid : Deployment.NodeBPid);
        var reloaded = page.WaitForResponseAsync(
            r => r.Request.IsNavigationRequest && r.Request.Url.Contains("/reservar", StringComparison.Ordinal),
            new PageWaitForResponseOptions { Timeout = 60_000 });
        var clock = Stopwatch.StartNew();
        victim.Kill(); // SIGKILL: the circuit dies with its server, nothing is saved
        await victim.WaitForExitAsync();

        var response = await reloaded;
        Assert.Equal(survivor, await ServedByAsync(response));
        await page.Locator("#interactive-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        var backIn = clock.Elapsed;
        Assert.Equal(chosenAddress, page.Url);
        // The same choices on screen: the barber, the day and the time in the summary.
        var main = page.Locator(".summary");
        await Assertions.Expect(main).ToContainTextAsync("Nacho");
        await Assertions.Expect(main).ToContainTextAsync("Corte");
        await Assertions.Expect(main).ToContainTextAsync(start.InZone(TwoNodesDeployment.BuenosAires).ToString("HH:mm", null));

        await wizard.ConfirmAsync();
        await BrowserFixture.ExpectUrlAsync(page, "/mis-turnos/", "nuevo=1");
        var booked = await Deployment.ScalarAsync(
            """
            SELECT count(*) FROM "Bookings" b JOIN "Customers" c ON c."Id" = b."CustomerId"
            WHERE c."Email" = @email AND b."ProviderId" = @provider AND b."Status" IN ('Pending', 'Confirmed')
            """,
            ("email", email), ("provider", demo.Nacho));
        Assert.Equal(1, booked);

        var report = $"wizard failover: node {(first == Deployment.NodeA ? "A" : "B")} killed (SIGKILL) under a customer on the confirm step; " +
                     $"the page was back on node {(survivor == Deployment.NodeA ? "A" : "B")} at the same step in {backIn.TotalMilliseconds:0} ms " +
                     "and the booking was confirmed there (1 booking in the database)";
        output.WriteLine(report);
        Deployment.Figure(report);
    }
}
