using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>Each step of the booking wizard, over a real SQLite file.</summary>
public sealed class BookingWizardTests : BunitDatabaseTestBase
{
    private void SignInAsCustomer() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    private IRenderedComponent<BookingWizard> RenderWizard()
    {
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));
        wizard.WaitForElement(".choice[data-offering]");
        return wizard;
    }

    [Fact]
    public void Step1_ListsActiveServicesWithPriceAndDuration()
    {
        var wizard = RenderWizard();

        var services = wizard.FindAll(".choice[data-offering]");
        Assert.Equal(2, services.Count);
        Assert.Contains("Corte", services[0].TextContent);
        Assert.Contains("30 min", services[0].TextContent);
        Assert.Contains("$ 12.000", services[0].TextContent);
    }

    [Fact]
    public void Step2_OffersCualquieraAndTheBarbersWhoDoTheService()
    {
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();

        var providers = wizard.FindAll(".choice[data-provider]").Select(p => p.GetAttribute("data-provider")).ToList();
        Assert.Equal("any", providers[0]);
        Assert.Equal(new[] { Agenda.Barber.Id.ToString(), Agenda.OtherBarber.Id.ToString() }.Order(), providers.Skip(1).Order());
        Assert.Contains("Cualquiera", wizard.Find(".choice[data-provider='any']").TextContent);
    }

    [Fact]
    public void Step3_GreysOutDaysWithNothingFree()
    {
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();

        wizard.WaitForAssertion(() => Assert.False(wizard.Find(".day[data-date='2026-12-08']").HasAttribute("disabled")));
        Assert.True(wizard.Find(".day[data-date='2026-12-07']").HasAttribute("disabled"));  // Monday: closed
        Assert.True(wizard.Find(".day[data-date='2026-12-13']").HasAttribute("disabled"));  // Sunday: closed
        Assert.True(wizard.Find(".day[data-date='2026-12-06']").HasAttribute("disabled"));  // the past
    }

    [Fact]
    public void Steps4And5_AnonymousCustomer_IsAskedToSignInKeepingTheChoice()
    {
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());

        var signIn = wizard.Find("#signin-to-book");
        var href = Uri.UnescapeDataString(Uri.UnescapeDataString(signIn.GetAttribute("href")!));
        Assert.StartsWith("cuenta/ingresar?returnUrl=/local/test-barber/reservar?", href);
        Assert.Contains($"servicio={Agenda.Haircut.Id}", href);
        Assert.Contains($"profesional={Agenda.Barber.Id}", href);
        Assert.Contains("dia=2026-12-08", href);
        Assert.Contains("hora=10:00", href);
        Assert.Empty(wizard.FindAll("#confirm-booking"));
    }

    [Fact]
    public async Task Step5_SignedInCustomer_Confirms_AndGoesToTheConfirmation()
    {
        SignInAsCustomer();
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find(".choice[data-provider='any']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());

        wizard.Find("#confirm-booking").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        wizard.WaitForAssertion(() => Assert.Matches("/mis-turnos/[0-9a-f-]{36}\\?nuevo=1$", navigation.Uri));
        await using var db = Db.NewContext();
        var booking = await db.Bookings.SingleAsync();
        Assert.Equal(TestAgenda.TuesdayAt(10), booking.Start);
        Assert.Equal(BookingStatus.Pending, booking.Status);
    }

    [Fact]
    public async Task Step5_SlotTakenMeanwhile_ShowsTheMessageAndAlternatives_NotAnError()
    {
        SignInAsCustomer();
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());
        await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.OtherCustomerUserId));

        wizard.Find("#confirm-booking").Click();

        wizard.WaitForAssertion(() => Assert.Contains("Ese horario acaba de ocuparse", wizard.Find("#conflict").TextContent));
        Assert.NotEmpty(wizard.FindAll(".alternative"));
    }

    private IRenderedComponent<BookingWizard> ConfirmStepForTuesdayAtTen()
    {
        SignInAsCustomer();
        var wizard = RenderWizard();
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());
        return wizard;
    }

    [Fact]
    public void Step5_OutsideTheWindow_StatesTheRealDeadline()
    {
        var wizard = ConfirmStepForTuesdayAtTen();   // the clock says Monday 09:00

        Assert.Equal("Podés cancelar o reprogramar sin cargo hasta el lunes 7 de diciembre, 10:00.", wizard.Find("#change-deadline").TextContent.Trim());
    }

    [Fact]
    public void Step5_InsideTheWindow_SaysItCannotBeCancelled()
    {
        Db.Clock.Reset(TestAgenda.Local(new LocalDateTime(2026, 12, 7, 22, 0)));   // Monday 22:00 for Tuesday 10:00

        var wizard = ConfirmStepForTuesdayAtTen();

        var text = wizard.Find("#change-deadline").TextContent;
        Assert.Contains("No vas a poder cancelar ni reprogramar este turno: empieza en menos de 24 h", text);
        Assert.DoesNotContain("Podés cancelar", wizard.Markup);
    }
}
