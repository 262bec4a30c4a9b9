using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The booking wizard opened from a link (the shop page, "Reservar de nuevo", the way back from sign-in, a link
/// shared on WhatsApp): valid choices skip ahead; a cut-short, malformed or stale link starts from the first step
/// with a short message, never an error.
/// </summary>
public sealed class BookingWizardLinkTests : BunitDatabaseTestBase
{

    private IRenderedComponent<BookingWizard> RenderAt(string query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/local/test-barber/reservar" + query
            .Replace("{service}", Agenda.Haircut.Id.ToString())
            .Replace("{provider}", Agenda.Barber.Id.ToString())
            .Replace("{stale}", Guid.NewGuid().ToString()));
        return Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));
    }

    private static string CurrentStep(IRenderedComponent<BookingWizard> wizard) => wizard.Find(".steps li.current").TextContent.Trim();

    [Fact]
    public void EachChoice_IsKeptInTheAddress_SoAReloadElsewhereComesBackToIt()
    {
        // A server that dies takes its circuits with it: the browser reconnects through the proxy to another server and
        // reloads the address, which must carry what was chosen so far.
        var navigation = Services.GetRequiredService<NavigationManager>();
        var wizard = RenderAt("");
        wizard.WaitForElement(".choice[data-offering]");

        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        Assert.EndsWith($"/local/test-barber/reservar?servicio={Agenda.Haircut.Id}", navigation.Uri);
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        Assert.EndsWith($"?servicio={Agenda.Haircut.Id}&profesional={Agenda.Barber.Id}", navigation.Uri);
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        Assert.EndsWith("&dia=2026-12-08", navigation.Uri);
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());
        Assert.EndsWith("&dia=2026-12-08&hora=10%3A00", navigation.Uri);

        var reloaded = Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));
        reloaded.WaitForAssertion(() => Assert.Equal("Confirmar", CurrentStep(reloaded)));
        Assert.Contains("10:00", reloaded.Find(".summary").TextContent);
        Assert.Empty(reloaded.FindAll("#link-ignored"));
    }

    [Fact]
    public void ServiceAndBarber_OpenTheWizardAtTheDayStep()
    {
        var wizard = RenderAt("?servicio={service}&profesional={provider}");

        wizard.WaitForAssertion(() => Assert.False(wizard.Find(".day[data-date='2026-12-08']").HasAttribute("disabled")));
        Assert.Equal("Día", CurrentStep(wizard));
        Assert.Contains("Corte", wizard.Find(".summary").TextContent);
        Assert.Empty(wizard.FindAll("#link-ignored"));
    }

    [Fact]
    public void ServiceOnly_OpensTheWizardAtTheBarberStep()
    {
        var wizard = RenderAt("?servicio={service}");

        wizard.WaitForElement(".choice[data-provider]");
        Assert.Equal("Profesional", CurrentStep(wizard));
        Assert.Empty(wizard.FindAll("#link-ignored"));
    }

    [Fact]
    public void TheWayBackFromSignIn_OpensTheConfirmStep()
    {
        var wizard = RenderAt("?servicio={service}&profesional={provider}&dia=2026-12-08&hora=10:00");

        wizard.WaitForAssertion(() => Assert.Equal("Confirmar", CurrentStep(wizard)));
        Assert.Contains("10:00", wizard.Find(".summary").TextContent);
        Assert.Empty(wizard.FindAll("#link-ignored"));
    }

    [Theory]
    [InlineData("?servicio=x")]                                                           // cut short on WhatsApp
    [InlineData("?servicio=")]
    [InlineData("?servicio={stale}")]                                                     // a service that no longer exists
    [InlineData("?servicio={service}&profesional=x")]
    [InlineData("?servicio={service}&profesional={stale}")]                               // a barber who left
    [InlineData("?servicio={service}&profesional={provider}&dia=2026-02-30")]
    [InlineData("?servicio={service}&profesional={provider}&dia=2026-12-01")]             // in the past
    [InlineData("?servicio={service}&profesional={provider}&dia=2030-01-01")]             // beyond the horizon
    [InlineData("?servicio={service}&profesional={provider}&dia=2026-12-08&hora=25:61")]
    [InlineData("?servicio={service}&profesional={provider}&hora=10:00")]                 // a time without a day
    [InlineData("?profesional={provider}")]                                               // a barber without a service
    [InlineData("?dia=2026-12-08")]
    public void BadOrStaleLink_StartsFromTheFirstStep_WithAShortMessage(string query)
    {
        var wizard = RenderAt(query);

        wizard.WaitForElement(".choice[data-offering]");
        Assert.Equal("Servicio", CurrentStep(wizard));
        Assert.Equal(Texts["Wizard.LinkIgnored"].Value, wizard.Find("#link-ignored").TextContent.Trim());
        Assert.Empty(wizard.FindAll(".summary"));
    }

    [Fact]
    public void BadLink_TheMessageGoesAway_OnceTheCustomerPicksAService()
    {
        var wizard = RenderAt("?servicio=x");
        wizard.WaitForElement("#link-ignored");

        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();

        Assert.Equal("Profesional", CurrentStep(wizard));
        Assert.Empty(wizard.FindAll("#link-ignored"));
    }

    [Fact]
    public void NoQuery_StartsFromTheFirstStep_WithoutAMessage()
    {
        var wizard = RenderAt("");

        wizard.WaitForElement(".choice[data-offering]");
        Assert.Equal("Servicio", CurrentStep(wizard));
        Assert.Empty(wizard.FindAll("#link-ignored"));
    }
}
