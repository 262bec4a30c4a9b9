using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Waitlist;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// Live pages subscribe to agenda changes after they read who the user is. A page whose circuit goes away during that
/// read (the person closed the tab while it loaded) is disposed first; its load then finishes and must not subscribe:
/// the singleton <see cref="IBookingEvents"/> would hold the page, and with it the whole circuit, for as long as the
/// process runs (issue 15: circuits' memory never returned).
/// </summary>
public sealed class PageSubscriptionTests : BunitDatabaseTestBase
{
    /// <summary>The user's authentication state arrives when the test says so.</summary>
    private sealed class GatedAuthentication : AuthenticationStateProvider
    {
        private readonly TaskCompletionSource<AuthenticationState> _state = new();

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state.Task;

        public void Arrive() => _state.SetResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, TestAgenda.CustomerUserId), new Claim(ClaimTypes.Name, "Cliente")], "test"))));
    }

    private readonly GatedAuthentication _authentication = new();

    protected override void Initialized()
    {
        Services.AddSingleton(new ConnectionEvents());
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
    }

    public static TheoryData<string> Pages => ["agenda", "shop-agenda", "waitlist-queue"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task APage_ClosedWhileItReadsTheUser_NeverSubscribes(string page)
    {
        var events = (InProcessBookingEvents)Db.Events;
        var before = events.SubscriberCount;
        _ = page switch
        {
            "agenda" => Render<AgendaPage>().Markup,
            "shop-agenda" => Render<ShopAgendaPage>().Markup,
            _ => Render<WaitlistQueuePage>().Markup,
        };

        await DisposeComponentsAsync();
        // The user arrives on the renderer's own thread: the rest of the page's start-up (no staff role: nothing to read
        // from the database) runs to its end inside this call.
        await Renderer.Dispatcher.InvokeAsync(_authentication.Arrive);

        Assert.Equal(before, events.SubscriberCount);
    }
}
