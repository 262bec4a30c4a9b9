using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// "Turno sin reserva" over a real SQLite file at Tuesday 22:06:30, the barber working 20:00–23:59 that day with 1 h
/// notice for customers: a walk-in starts now.
/// </summary>
public sealed class WalkInDialogTests : BunitTestBase, IAsyncLifetime
{
    private static readonly Instant At2206 = TestAgenda.TuesdayAt(22, 6) + Duration.FromSeconds(30);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private SqliteTestDatabase _db = null!;
    private TestAgenda _agenda = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(At2206);
        _agenda = await TestAgenda.SeedAsync(_db);
        await using (var db = _db.NewContext())
        {
            var barber = await db.Providers.Include(p => p.Overrides).SingleAsync(p => p.Id == _agenda.Barber.Id);
            barber.SetOverride(TestAgenda.Tuesday, [new LocalTimeRange(new LocalTime(20, 0), new LocalTime(23, 59))]);
            await db.SaveChangesAsync();
        }
        _db.AddDomainTo(Services);
        Services.AddSingleton(new CustomerDirectory(_db.DbFactory, _db.Clock));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    private IRenderedComponent<MudDialogProvider> RenderDialog(Action<string>? saved = null)
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var offerings = new List<ShopQueries.OfferingCard> { new(_agenda.Haircut.Id, "Corte", null, Duration.FromMinutes(30), 12000m) };
        Render<WalkInDialog>(p => p
            .Add(d => d.Visible, true)
            .Add(d => d.Actor, Barber)
            .Add(d => d.ShopId, _agenda.Shop.Id)
            .Add(d => d.ProviderId, _agenda.Barber.Id)
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

        _db.Clock.AdvanceMinutes(3); // the barber took a while to type: "Ahora" is now 22:09
        dialog.FindAll(".slot").First().Click();
        dialog.Find("#walkin-save").Click();

        dialog.WaitForAssertion(() => Assert.NotNull(savedMessage));
        await using var db = _db.NewContext();
        var booking = await db.Bookings.Include(b => b.Customer).SingleAsync();
        Assert.Equal(TestAgenda.TuesdayAt(22, 9), booking.Start);
        Assert.Equal("Juan", booking.Customer!.FullName);
        Assert.Null(booking.Customer.Phone);
        var agenda = await new AgendaQueries(_db.DbFactory).LoadAsync(_agenda.Barber.Id, TestAgenda.Tuesday, TestAgenda.Tuesday, Barber);
        var item = Assert.Single(agenda!.Items);
        Assert.Equal("Juan", item.Title);
        Assert.Null(item.Phone);
    }

    private void SelectHaircut(IRenderedComponent<MudDialogProvider> dialog)
    {
        dialog.Find(".mud-select .mud-input-control-input-container > div").MouseDown();
        _popovers.WaitForElement(".mud-list-item");
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Corte")).Click();
    }
}
