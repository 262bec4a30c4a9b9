using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Clients;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// Issue 16: the client book's pages over a real SQLite file, as the shop's barber. Cliente Uno has a booking on
/// Tuesday at 10:00 (her next visit); Juan Walkin, whom the barber added, has none.
/// </summary>
public sealed class ClientBookPagesTests : BunitDatabaseTestBase
{
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private Guid _juan;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override void Initialized()
    {
        Services.AddSingleton(new ConnectionEvents());
        Services.AddSingleton<BarberPro.Web.Features.Sessions.SessionQueries>();
        var walkIn = Services.GetRequiredService<CustomerDirectory>().FindOrAddWalkInAsync(Agenda.Shop.Id, "Juan Walkin", "11 5555-4444", Barber).GetAwaiter().GetResult();
        _juan = walkIn.Value!.Id;
        var booked = Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))
            .GetAwaiter().GetResult();
        Assert.IsType<BookingOutcome.Succeeded>(booked);
        _popovers = Render<MudPopoverProvider>();
        SignInAs(Roles.Provider, TestAgenda.BarberUserId, "Barbero Uno");
    }

    private async Task<ShopCustomer> LinkAsync(Guid customerId)
    {
        await using var db = Db.NewContext();
        return await db.ShopCustomers.SingleAsync(l => l.ShopId == Agenda.Shop.Id && l.CustomerId == customerId);
    }

    [Fact]
    public void TheList_ShowsTheShopsClients_WithPhoneLinksAndFigures()
    {
        var page = Render<ClientsPage>();

        page.WaitForAssertion(() => Assert.Equal("3 clientes", page.Find("#clients-count").TextContent.Trim()));
        var uno = page.Find($"#client-{Agenda.Customer.Id}");
        Assert.Contains("Cliente Uno", uno.TextContent);
        Assert.Equal("tel:+5491123456789", uno.QuerySelector("a.client-tel")!.GetAttribute("href"));
        Assert.Equal("https://wa.me/5491123456789", uno.QuerySelector(".client-whatsapp")!.GetAttribute("href"));
        Assert.Contains("Próximo turno", uno.TextContent);
        Assert.Contains("Nunca", uno.TextContent);
        Assert.Equal($"/clientes/{Agenda.Customer.Id}?local={Agenda.Shop.Id}", uno.QuerySelector("a.client-name")!.GetAttribute("href"));
        Assert.Equal($"/clientes/exportar?local={Agenda.Shop.Id}", page.Find("#clients-export").GetAttribute("href"));
    }

    [Fact]
    public void TheList_FindsAClientByPhone_AndSaysSoWhenNothingMatches()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/clientes?q=" + Uri.EscapeDataString("11 5555-4444"));
        var found = Render<ClientsPage>();
        found.WaitForAssertion(() => Assert.Equal("1 clientes", found.Find("#clients-count").TextContent.Trim()));
        Assert.NotNull(found.Find($"#client-{_juan}"));

        navigation.NavigateTo("/clientes?q=Zoe");
        var none = Render<ClientsPage>();
        none.WaitForAssertion(() => Assert.Contains("Ningún cliente coincide con \"Zoe\"", none.Find("#clients-empty").TextContent));
    }

    [Fact]
    public async Task TheDetail_SavesNotesAndTheBlock_ThroughTheService()
    {
        var page = Render<ClientDetailPage>(p => p.Add(c => c.CustomerId, Agenda.Customer.Id));
        page.WaitForAssertion(() => Assert.Equal("Cliente Uno", page.Find("#client-name").TextContent.Trim()));
        Assert.Equal($"/agenda/{Agenda.Barber.Id}?cliente={Agenda.Customer.Id}", page.Find("#client-book").GetAttribute("href"));
        Assert.Single(page.FindAll("#client-history li"));

        await page.Find("textarea#client-notes").ChangeAsync(new ChangeEventArgs { Value = "le gusta el degradé bajo" });
        await page.Find("#client-notes-save").ClickAsync(new MouseEventArgs());
        Assert.Equal("le gusta el degradé bajo", (await LinkAsync(Agenda.Customer.Id)).Notes);

        await page.Find("input#client-block").ChangeAsync(new ChangeEventArgs { Value = true });
        Assert.NotNull((await LinkAsync(Agenda.Customer.Id)).BlockedOnlineAt);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#client-blocked-since")));
        await page.Find("input#client-block").ChangeAsync(new ChangeEventArgs { Value = false });
        Assert.Null((await LinkAsync(Agenda.Customer.Id)).BlockedOnlineAt);
    }

    [Fact]
    public async Task Merging_TheWalkInIntoTheAccount_MovesTheirBookings_AndTheWalkInLeavesTheBook()
    {
        var booked = await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(12), CustomerId: _juan), Barber);
        Assert.IsType<BookingOutcome.Succeeded>(booked);
        var page = Render<ClientDetailPage>(p => p.Add(c => c.CustomerId, Agenda.Customer.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#merge-search")));

        await page.Find("input#merge-search").ChangeAsync(new ChangeEventArgs { Value = "juan" });
        await page.Find("form.merge-search").SubmitAsync();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"#merge-pick-{_juan}")));
        Assert.Empty(page.FindAll($"#merge-pick-{Agenda.Customer.Id}"));
        await page.Find($"#merge-pick-{_juan}").ClickAsync(new MouseEventArgs());
        await page.Find("#merge-confirm").ClickAsync(new MouseEventArgs());

        await using var db = Db.NewContext();
        Assert.False(await db.Customers.AnyAsync(c => c.Id == _juan));
        Assert.Equal(2, await db.Bookings.CountAsync(b => b.CustomerId == Agenda.Customer.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#client-history li").Count));
    }

    [Fact]
    public void TheDetail_OfAnotherShopsClient_IsNotFound()
    {
        var page = Render<ClientDetailPage>(p => p.Add(c => c.CustomerId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#client-not-found")));
    }

    [Fact]
    public async Task Reservar_OpensTheWalkInDialogWithTheClientChosen_AndBooksForThem()
    {
        var dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/agenda/{Agenda.Barber.Id}?dia=2026-12-08&cliente={_juan}");
        var agenda = Render<AgendaPage>(p => p.Add(a => a.ProviderId, Agenda.Barber.Id));

        dialogs.WaitForAssertion(() => Assert.Equal("Reservar para Juan Walkin", dialogs.Find("#walkin-client").TextContent.Trim()));
        Assert.Contains("Juan Walkin", agenda.Find("#agenda-client").TextContent);
        Assert.Empty(dialogs.FindAll("#walkin-name"));
        dialogs.Find(".mud-select .mud-input-control-input-container > div").MouseDown();
        _popovers.WaitForElement(".mud-list-item");
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Corte")).Click();
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".slot"), s => s.TextContent.Trim() == "11:00"));
        dialogs.FindAll(".slot").First(s => s.TextContent.Trim() == "11:00").Click();
        await dialogs.Find("#walkin-save").ClickAsync(new MouseEventArgs());

        await using var db = Db.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.CustomerId == _juan && b.Start == TestAgenda.TuesdayAt(11)));
        // Booked: the next walk-in is anyone again.
        agenda.WaitForAssertion(() => Assert.Empty(agenda.FindAll("#agenda-client")));
    }
}
