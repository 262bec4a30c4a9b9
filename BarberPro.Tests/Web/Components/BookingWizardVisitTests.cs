using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// Issue 16: a customer picks several services for one visit in the wizard, over a real SQLite file. The test shop's
/// Corte is 30 min for $ 12.000, its Color 60 min for $ 30.000; here only "Barbero Uno" does both ("Barbero Dos"
/// stopped doing color).
/// </summary>
public sealed class BookingWizardVisitTests : BunitDatabaseTestBase
{
    protected override async Task ChangeSeedAsync(BarberProDbContext db)
    {
        var other = await db.Providers.Include(p => p.Offerings).SingleAsync(p => p.Id == Agenda.OtherBarber.Id);
        other.StopOffering(Agenda.Color.Id);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<BookingWizard> RenderWizard(string query = "")
    {
        Navigation.NavigateTo("/local/test-barber/reservar" + query);
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));
        return wizard;
    }

    private static string CurrentStep(IRenderedComponent<BookingWizard> wizard) => wizard.Find(".steps li.current").TextContent.Trim();

    private static List<string?> Providers(IRenderedComponent<BookingWizard> wizard) =>
        wizard.FindAll(".choice[data-provider]").Select(p => p.GetAttribute("data-provider")).ToList();

    /// <summary>Corte, then "Agregar otro servicio" and Color: the service step with both picked.</summary>
    private IRenderedComponent<BookingWizard> PickCorteAndColor()
    {
        var wizard = RenderWizard();
        wizard.WaitForElement(".choice[data-offering]");
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find("#add-service").Click();
        wizard.Find($".choice[data-offering='{Agenda.Color.Id}']").Click();
        return wizard;
    }

    [Fact]
    public void ServiceStep_TwoServicesPicked_ShowsTheTotal_ThenOnlyTheBarbersWhoDoBoth()
    {
        var wizard = RenderWizard();
        wizard.WaitForElement(".choice[data-offering]");
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        Assert.Equal(3, Providers(wizard).Count);   // cualquiera and both barbers do a corte

        wizard.Find("#add-service").Click();
        Assert.Equal("Servicio", CurrentStep(wizard));
        // Only what is not picked yet is offered.
        Assert.Equal([Agenda.Color.Id.ToString()], wizard.FindAll(".choice[data-offering]").Select(c => c.GetAttribute("data-offering")));
        wizard.Find($".choice[data-offering='{Agenda.Color.Id}']").Click();

        Assert.Equal(["Corte", "Color"], wizard.FindAll(".visit-part .name").Select(n => n.TextContent.Trim()));
        Assert.Equal("Total 1 h 30 min · $ 42.000", Normalize(wizard.Find("#visit-total").TextContent));
        Assert.EndsWith($"?servicio={Agenda.Haircut.Id}%2C{Agenda.Color.Id}&agregar=1", Navigation.Uri);

        wizard.Find("#visit-continue").Click();

        Assert.Equal("Profesional", CurrentStep(wizard));
        Assert.Equal(["any", Agenda.Barber.Id.ToString()], Providers(wizard));
        Assert.Equal("Corte + Color · 1 h 30 min · $ 42.000", Normalize(wizard.Find("#summary-visit").TextContent));
        Assert.EndsWith($"?servicio={Agenda.Haircut.Id}%2C{Agenda.Color.Id}", Navigation.Uri);
    }

    [Fact]
    public void ServiceStep_RemovingAService_UpdatesTheTotal()
    {
        var wizard = PickCorteAndColor();

        wizard.Find($"[data-remove='{Agenda.Haircut.Id}']").Click();

        Assert.Equal(["Color"], wizard.FindAll(".visit-part .name").Select(n => n.TextContent.Trim()));
        Assert.Equal("Total 1 h · $ 30.000", Normalize(wizard.Find("#visit-total").TextContent));
    }

    [Fact]
    public async Task TheWholeVisit_IsAskedForAndBookedAsOneBooking()
    {
        SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");
        // Someone at 11:00 with Barbero Uno: a corte alone fits at 10:00, corte + color (10:00–11:30) does not.
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(11)),
            Actor.Customer(TestAgenda.OtherCustomerUserId)));
        var wizard = PickCorteAndColor();
        wizard.Find("#visit-continue").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());

        wizard.WaitForAssertion(() => Assert.NotEmpty(wizard.FindAll(".slot")));
        var times = wizard.FindAll(".slot").Select(s => s.TextContent.Trim()).ToList();
        Assert.Contains("09:30", times);
        Assert.DoesNotContain("10:00", times);
        Assert.DoesNotContain("10:30", times);
        wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "09:30").Click();
        Assert.Empty(wizard.FindAll("#repeat-toggle"));   // a series repeats one service
        wizard.Find("#confirm-booking").Click();

        wizard.WaitForAssertion(() => Assert.Matches("/mis-turnos/[0-9a-f-]{36}\\?nuevo=1$", Navigation.Uri));
        await using var db = Db.NewContext();
        var booking = await db.Bookings.Include(b => b.Parts).SingleAsync(b => b.CustomerId == Agenda.Customer.Id);
        Assert.Equal([Agenda.Haircut.Id, Agenda.Color.Id], booking.OfferingIds);
        Assert.Equal(TestAgenda.TuesdayAt(9, 30), booking.Start);
        Assert.Equal(TestAgenda.TuesdayAt(11), booking.End);
        Assert.Equal(42_000m, booking.Price);
    }

    [Fact]
    public void ALinkWithTheVisit_OpensAtTheDayStep_AndOneWithOneIdStillWorks()
    {
        var visit = RenderWizard($"?servicio={Agenda.Haircut.Id},{Agenda.Color.Id}&profesional={Agenda.Barber.Id}");
        visit.WaitForAssertion(() => Assert.Equal("Día", CurrentStep(visit)));
        Assert.StartsWith("Corte + Color", Normalize(visit.Find("#summary-visit").TextContent));
        Assert.Empty(visit.FindAll("#link-ignored"));

        var one = RenderWizard($"?servicio={Agenda.Haircut.Id}&profesional={Agenda.OtherBarber.Id}");
        one.WaitForAssertion(() => Assert.Equal("Día", CurrentStep(one)));
        Assert.Equal("Corte · 30 min · $ 12.000", Normalize(one.Find("#summary-visit").TextContent));
    }

    [Theory]
    [InlineData("?servicio={corte},{corte}")]                                     // the same service twice
    [InlineData("?servicio={corte},")]                                            // cut short
    [InlineData("?servicio={corte},{color}&profesional={other}")]                 // a barber who does not do both
    [InlineData("?servicio={corte},{color}&agregar=1&profesional={barber}")]
    public void ABadVisitLink_StartsFromTheFirstStep_WithAShortMessage(string query)
    {
        var wizard = RenderWizard(query.Replace("{corte}", Agenda.Haircut.Id.ToString()).Replace("{color}", Agenda.Color.Id.ToString())
            .Replace("{other}", Agenda.OtherBarber.Id.ToString()).Replace("{barber}", Agenda.Barber.Id.ToString()));

        wizard.WaitForElement("#link-ignored");
        Assert.Equal("Servicio", CurrentStep(wizard));
        Assert.Empty(wizard.FindAll("#visit"));
    }

    [Fact]
    public void AReloadWhileAdding_ComesBackToTheVisitBeingPicked()
    {
        PickCorteAndColor();

        var reloaded = Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));

        reloaded.WaitForElement("#visit");
        Assert.Equal(["Corte", "Color"], reloaded.FindAll(".visit-part .name").Select(n => n.TextContent.Trim()));
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
