using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>A walk-in at a medical office (bUnit over a real SQLite file): the doctor may type the patient's DNI and insurance, and need not.</summary>
public sealed class WalkInPatientDetailsTests : BunitDatabaseTestBase
{
    private static readonly Actor Doctor = Actor.Provider(TestPractice.ProfessionalUserId);
    private TestPractice _practice = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override async Task ChangeSeedAsync(BarberProDbContext db) => _practice = await TestPractice.SeedAsync(db, Vertical.Doctor);

    private IRenderedComponent<MudDialogProvider> RenderDialog(Action<string> saved)
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var offerings = new List<ShopQueries.OfferingCard> { new(_practice.Service.Id, "Consulta", null, Duration.FromMinutes(20), 25000m) };
        Render<WalkInDialog>(p => p
            .Add(d => d.Visible, true)
            .Add(d => d.Actor, Doctor)
            .Add(d => d.ShopId, _practice.Shop.Id)
            .Add(d => d.ProviderId, _practice.Professional.Id)
            .Add(d => d.Date, TestAgenda.Tuesday)
            .Add(d => d.Zone, TestAgenda.BuenosAires)
            .Add(d => d.Offerings, offerings)
            .Add(d => d.AsksPatientDetails, true)
            .Add(d => d.Saved, saved));
        provider.WaitForElement("#walkin-name");
        return provider;
    }

    private void BookTen(IRenderedComponent<MudDialogProvider> dialog)
    {
        dialog.Find(".mud-select .mud-input-control-input-container > div").MouseDown();
        _popovers.WaitForElement(".mud-list-item");
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Consulta")).Click();
        dialog.WaitForAssertion(() => dialog.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());
        dialog.Find("#walkin-save").Click();
    }

    [Fact]
    public async Task WithoutDetails_TheWalkInIsBooked()
    {
        string? saved = null;
        var dialog = RenderDialog(m => saved = m);
        dialog.Find("#walkin-name").Change("Marta");

        BookTen(dialog);

        dialog.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db.NewContext();
        var booking = await db.Bookings.SingleAsync(b => b.ShopId == _practice.Shop.Id);
        Assert.Null((await db.ShopCustomers.SingleAsync(l => l.ShopId == _practice.Shop.Id && l.CustomerId == booking.CustomerId)).NationalId);
    }

    [Fact]
    public async Task WithDetails_TheyAreKeptOnThePatientsRecord()
    {
        string? saved = null;
        var dialog = RenderDialog(m => saved = m);
        dialog.Find("#walkin-name").Change("Marta");
        dialog.Find("#walkin-dni").Change("7.123.456");
        dialog.Find("#walkin-insurance").Change("PAMI");

        BookTen(dialog);

        dialog.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db.NewContext();
        var booking = await db.Bookings.SingleAsync(b => b.ShopId == _practice.Shop.Id);
        var record = await db.ShopCustomers.SingleAsync(l => l.ShopId == _practice.Shop.Id && l.CustomerId == booking.CustomerId);
        Assert.Equal(("7123456", "PAMI"), (record.NationalId, record.HealthInsurance));
    }
}
