using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Sessions;
using BarberPro.Tests.Domain.Sessions;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Sessions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The session pages over a real SQLite file: the agenda draws a session once with its seats (never its seat bookings),
/// the staff page lists participants with phones to the barber and nobody else, and updates as people join.
/// </summary>
public sealed class SessionPagesTests : BunitDatabaseTestBase
{
    private Offering _class = null!;

    protected override void Initialized()
    {
        Services.AddScoped<ConnectionEvents>();
        Render<MudBlazor.MudPopoverProvider>();
    }

    private async Task<GroupSession> OpenWithTwoAsync()
    {
        _class = await SessionTestSupport.AddClassAsync(Db, Agenda, capacity: 5);
        var session = await SessionTestSupport.OpenAsync(Db, Agenda, _class, TestAgenda.TuesdayAt(15));
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Sessions().JoinAsync(session.Id, Actor.Customer(TestAgenda.CustomerUserId)));
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Sessions().JoinAsync(session.Id, Actor.Customer(TestAgenda.OtherCustomerUserId)));
        return session;
    }

    [Fact]
    public async Task Agenda_DrawsTheSessionOnce_WithItsSeats_AndNoSeatBookings()
    {
        var session = await OpenWithTwoAsync();
        SignInAs(Roles.Provider, TestAgenda.BarberUserId, "Barbero Uno");

        var agenda = await Services.GetRequiredService<AgendaQueries>().LoadAsync(Agenda.Barber.Id, TestAgenda.Tuesday, TestAgenda.Tuesday, Actor.Provider(TestAgenda.BarberUserId));
        var item = Assert.Single(agenda!.Items);
        Assert.Equal((AgendaQueries.ItemKind.Session, session.Id, 2, 5), (item.Kind, item.Id, item.Participants, item.Capacity));

        var grid = Render<AgendaGrid>(p => p.Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", TestAgenda.Tuesday, agenda.Items)]));
        var block = grid.Find($"[data-session='{session.Id}']");
        Assert.Contains("Clase de barbería", block.TextContent);
        Assert.Equal("Clase · 2/5", block.QuerySelector(".what")!.TextContent);
        Assert.Contains("session", block.ClassName);
        Assert.Empty(grid.FindAll("[data-booking]"));
    }

    [Fact]
    public async Task SessionPage_ForTheBarber_ListsParticipantsWithPhones_AndUpdatesLiveWhenSomeoneJoins()
    {
        var session = await OpenWithTwoAsync();
        SignInAs(Roles.Provider, TestAgenda.BarberUserId, "Barbero Uno");

        var page = Render<SessionPage>(p => p.Add(x => x.SessionId, session.Id));
        page.WaitForElement("#session-participants");

        Assert.Equal(2, page.FindAll(".participant").Count);
        Assert.Contains("Cliente Uno", page.Find("#session-participants").TextContent);
        Assert.Contains("2/5", page.Find("#session-seats").TextContent);
        Assert.Equal("tel:+5491123456789", page.FindAll(".participant a[href^='tel:']")[0].GetAttribute("href"));
        // Not started yet: no attendance to mark.
        Assert.Empty(page.FindAll("button.attended"));

        await TestAgendaExtra.AddCustomerAsync(Db, "customer-3");
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Sessions().JoinAsync(session.Id, Actor.Customer("customer-3")));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".participant").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("3/5", page.Find("#session-seats").TextContent);
    }

    [Fact]
    public async Task SessionPage_ForAnotherBarber_ShowsNothing()
    {
        var session = await OpenWithTwoAsync();
        SignInAs(Roles.Provider, TestAgenda.OtherBarberUserId, "Barbero Dos");

        var page = Render<SessionPage>(p => p.Add(x => x.SessionId, session.Id));

        page.WaitForElement("#session-not-found");
        Assert.Empty(page.FindAll(".participant"));
        Assert.DoesNotContain("Cliente Uno", page.Markup);
    }
}
