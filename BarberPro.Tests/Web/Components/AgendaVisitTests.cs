using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>Issue 16: the barber's agenda draws a visit of several services as one block with its parts, over a real SQLite file.</summary>
public sealed class AgendaVisitTests : BunitDatabaseTestBase
{
    protected override void Initialized() => Services.AddSingleton(new BarberPro.Web.Components.ConnectionEvents());

    private async Task<Guid> BookColorAndCorteAtTenAsync()
    {
        var outcome = await Db.Bookings.BookAsync(NewBooking.ForVisit(Agenda.Barber.Id, [Agenda.Color.Id, Agenda.Haircut.Id], TestAgenda.TuesdayAt(10)),
            Actor.Customer(TestAgenda.CustomerUserId));
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
    }

    private IRenderedComponent<AgendaPage> OpenBarbersAgendaOnTuesday(out IRenderedComponent<MudDialogProvider> dialogs)
    {
        SignInAs(Roles.Provider, TestAgenda.BarberUserId, "Barbero Uno");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/agenda?dia=2026-12-08");
        dialogs = Render<MudDialogProvider>();
        return Render<AgendaPage>();
    }

    [Fact]
    public async Task AVisit_IsOneBlock_SpanningTheWholeVisit_NamedAfterItsServices_ListingItsParts()
    {
        var bookingId = await BookColorAndCorteAtTenAsync();

        var page = OpenBarbersAgendaOnTuesday(out _);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-booking]")));
        var block = page.Find($"[data-booking='{bookingId}']");
        Assert.Equal("Color + Corte", block.QuerySelector(".what")!.TextContent.Trim());
        Assert.Equal("10:00 Color · 11:00 Corte", block.QuerySelector("[data-parts]")!.TextContent.Trim());
        Assert.Contains("10:00–11:30", block.GetAttribute("title"));
    }

    [Fact]
    public async Task ItsDialog_ListsThePartsWithTheirTimes_AndCancellingItCancelsTheVisit()
    {
        var bookingId = await BookColorAndCorteAtTenAsync();
        var page = OpenBarbersAgendaOnTuesday(out var dialogs);

        page.WaitForAssertion(() => page.Find($"[data-booking='{bookingId}']").Click());

        dialogs.WaitForAssertion(() => Assert.Equal(["10:00 Color", "11:00 Corte"],
            dialogs.FindAll("#visit-parts li").Select(li => System.Text.RegularExpressions.Regex.Replace(li.TextContent, @"\s+", " ").Trim())));
        dialogs.Find("#action-cancel").Click();
        dialogs.Find("input#staff-cancel-reason").Input("Se enfermó el barbero");
        dialogs.Find("#staff-confirm-cancel").Click();

        dialogs.WaitForAssertion(() =>
        {
            using var db = Db.NewContext();
            Assert.Equal(BookingStatus.Cancelled, db.Bookings.Single(b => b.Id == bookingId).Status);
            Assert.Equal(1, db.Bookings.Count());   // the visit is one booking: nothing else to cancel
        });
    }
}
