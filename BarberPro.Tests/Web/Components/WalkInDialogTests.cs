using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// "Turno sin reserva" over a real SQLite file at Tuesday 22:06:30, the barber working 20:00–23:59 that day with 1 h
/// notice for customers: a walk-in starts now.
/// </summary>
public sealed class WalkInDialogTests : BunitDatabaseTestBase
{
    private static readonly Instant At2206 = TestAgenda.TuesdayAt(22, 6) + Duration.FromSeconds(30);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override Instant Now => At2206;

    protected override async Task ChangeSeedAsync(BarberProDbContext db)
    {
        var barber = await db.Providers.Include(p => p.Overrides).SingleAsync(p => p.Id == Agenda.Barber.Id);
        barber.SetOverride(TestAgenda.Tuesday, [new LocalTimeRange(new LocalTime(20, 0), new LocalTime(23, 59))]);
    }

    private IRenderedComponent<MudDialogProvider> RenderDialog(Action<string>? saved = null)
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var offerings = new List<ShopQueries.OfferingCard> { new(Agenda.Haircut.Id, "Corte", null, Duration.FromMinutes(30), 12000m) };
        Render<WalkInDialog>(p => p
            .Add(d => d.Visible, true)
            .Add(d => d.Actor, Barber)
            .Add(d => d.ShopId, Agenda.Shop.Id)
            .Add(d => d.ProviderId, Agenda.Barber.Id)
            .Add(d => d.Date, TestAgenda.Tuesday)
            .Add(d => d.Zone, TestAgenda.BuenosAires)
            .Add(d => d.Offerings, offerings)
            .Add(d => d.Saved, (string message) => saved?.Invoke(message)));
        provider.WaitForElement("#walkin-name");
        return provider;
    }

    [Fact]
    public void OffersAhoraFirst_ThenTheNextFreeGridTimes_WithoutTheCustomersNotice()
    {
        var dialog = RenderDialog();

        SelectHaircut(dialog);

        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll(".slot")));
        var slots = dialog.FindAll(".slot").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(["Ahora", "22:15", "22:30", "22:45", "23:00", "23:15"], slots);
    }

    [Fact]
    public async Task ANameAndAhora_BookTheWalkInNow_WithoutPhone()
    {
        string? savedMessage = null;
        var dialog = RenderDialog(m => savedMessage = m);
        dialog.Find("#walkin-name").Change("Juan");
        SelectHaircut(dialog);
        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll(".slot")));

        Db.Clock.AdvanceMinutes(3); // the barber took a while to type: "Ahora" is now 22:09
        dialog.FindAll(".slot").First().Click();
        dialog.Find("#walkin-save").Click();

        dialog.WaitForAssertion(() => Assert.NotNull(savedMessage));
        await using var db = Db.NewContext();
        var booking = await db.Bookings.Include(b => b.Customer).SingleAsync();
        Assert.Equal(TestAgenda.TuesdayAt(22, 9), booking.Start);
        Assert.Equal("Juan", booking.Customer!.FullName);
        Assert.Null(booking.Customer.Phone);
        var agenda = await new AgendaQueries(Db.DbFactory).LoadAsync(Agenda.Barber.Id, TestAgenda.Tuesday, TestAgenda.Tuesday, Barber);
        var item = Assert.Single(agenda!.Items);
        Assert.Equal("Juan", item.Title);
        Assert.Null(item.Phone);
    }

    [Fact]
    public void Ahora_CannotRepeat_SaysToPickATime_AGridTimeOffersRepetir()
    {
        var dialog = RenderDialog();
        SelectHaircut(dialog);
        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll(".slot")));

        dialog.FindAll(".slot").First().Click();

        Assert.Contains("elegí un horario (no «Ahora»)", dialog.Find("#walkin-repeat-hint").TextContent);
        Assert.Empty(dialog.FindAll("#repeat-toggle"));
        dialog.FindAll(".slot").Single(s => s.TextContent.Trim() == "22:15").Click();
        Assert.Empty(dialog.FindAll("#walkin-repeat-hint"));
        Assert.NotNull(dialog.Find("#repeat-toggle"));
        Assert.NotNull(dialog.Find("#walkin-save"));
    }

    private void SelectHaircut(IRenderedComponent<MudDialogProvider> dialog)
    {
        dialog.Find(".mud-select .mud-input-control-input-container > div").MouseDown();
        _popovers.WaitForElement(".mud-list-item");
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Corte")).Click();
    }
}
