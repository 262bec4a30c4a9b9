using System.Globalization;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Web.Verticals;

/// <summary>
/// The shop page and the booking wizard in the words of the shop's vertical, over a real SQLite file: the test barber
/// shop, and a psychologist's practice and a medical office opened with <see cref="ShopFactory"/> (one professional each,
/// Tuesday 9 to 13). The clock is Monday 2026-12-07 09:00.
/// </summary>
public sealed class VerticalWordsPagesTests : BunitDatabaseTestBase
{
    private const string PsychologistSlug = "consultorio-test";
    private const string DoctorSlug = "centro-medico-test";

    protected override async Task ChangeSeedAsync(BarberProDbContext db)
    {
        await OpenAsync(db, "Consultorio Test", PsychologistSlug, Vertical.Psychologist, "Lic. Laura Paz");
        await OpenAsync(db, "Centro Médico Test", DoctorSlug, Vertical.Doctor, "Dra. Ana Ríos");
    }

    private static async Task OpenAsync(BarberProDbContext db, string name, string slug, Vertical vertical, string professional)
    {
        var shop = await ShopFactory.CreateAsync(db, name, slug, vertical, TestAgenda.OwnerUserId, TestAgenda.DefaultNow, default);
        var provider = new Provider(shop.Id, professional, null);
        provider.SetWeeklyHours([(IsoDayOfWeek.Tuesday, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(13, 0)))]);
        foreach (var offering in await db.Offerings.Where(o => o.ShopId == shop.Id).ToListAsync())
            provider.Offer(offering);
        db.Providers.Add(provider);
    }

    [Theory]
    [InlineData("test-barber", "barbería", "Servicios", "Equipo")]
    [InlineData(PsychologistSlug, "consultorio", "Sesiones", "Profesionales")]
    [InlineData(DoctorSlug, "centro médico", "Consultas", "Equipo médico")]
    public void ShopPage_NamesThePlace_ItsServices_AndItsTeam_InTheVerticalsWords(string slug, string place, string services, string team)
    {
        var page = Render<ShopPage>(p => p.Add(s => s.Slug, slug));
        page.WaitForElement("#shop-kind");

        Assert.Equal(place, page.Find("#shop-kind").TextContent.Trim());
        var headings = page.FindAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(services, headings);
        Assert.Contains(team, headings);
        Assert.Contains("Horarios", headings);   // not a vertical's word: the shared text
    }

    [Fact]
    public void ShopPage_Initials_SkipAProfessionalsTitle()
    {
        var page = Render<ShopPage>(p => p.Add(s => s.Slug, PsychologistSlug));
        page.WaitForElement("#shop-kind");

        Assert.Equal("LP", page.Find(".member .mud-avatar").TextContent.Trim());   // Lic. Laura Paz
    }

    [Theory]
    [InlineData("test-barber", "Servicio", "¿Qué te querés hacer?", "Comentario para el barbero (opcional)")]
    [InlineData(PsychologistSlug, "Sesión", "¿Qué sesión querés reservar?", "Comentario para el profesional (opcional)")]
    [InlineData(DoctorSlug, "Consulta", "¿Qué consulta necesitás?", "Comentario para el médico (opcional)")]
    public void Wizard_StepsHeadingAndNotesLabel_AreInTheVerticalsWords(string slug, string step, string heading, string notes)
    {
        SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, slug));
        wizard.WaitForElement(".choice[data-offering]");

        Assert.Equal(step, wizard.Find("ol.steps li.current").TextContent.Trim());
        Assert.Equal(heading, wizard.Find("h2").TextContent.Trim());

        ToConfirmStep(wizard);
        Assert.Contains(notes, wizard.Markup);
        Assert.DoesNotContain(slug == "test-barber" ? "Comentario para el profesional" : "barbero", wizard.Markup);
    }

    [Fact]
    public void Wizard_Psychologist_OffersTheWeeklySeriesFirst()
    {
        SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, PsychologistSlug));
        wizard.WaitForElement(".choice[data-offering]");

        ToConfirmStep(wizard);

        wizard.WaitForAssertion(() => Assert.Equal("true", wizard.Find("[data-frequency='weekly']").GetAttribute("aria-checked")));
        Assert.Empty(wizard.FindAll("#confirm-booking"));   // the single booking waits until the customer says "No repetir"
    }

    [Theory]
    [InlineData("test-barber")]
    [InlineData(DoctorSlug)]
    public void Wizard_OtherVerticals_OfferASingleBooking(string slug)
    {
        SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, slug));
        wizard.WaitForElement(".choice[data-offering]");

        ToConfirmStep(wizard);

        Assert.Empty(wizard.FindAll("[data-frequency]"));
        Assert.NotEmpty(wizard.FindAll("#confirm-booking"));
    }

    [Fact]
    public void Wizard_InEnglish_UsesTheVerticalsEnglishWords_AndTheSharedEnglishTexts()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, PsychologistSlug));
        wizard.WaitForElement(".choice[data-offering]");

        Assert.Equal("Session", wizard.Find("ol.steps li.current").TextContent.Trim());
        Assert.Equal("Which session would you like to book?", wizard.Find("h2").TextContent.Trim());
        var steps = wizard.FindAll("ol.steps li").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal("Therapist", steps[1]);
        Assert.Equal("Day", steps[2]);   // shared English, not the vertical's Spanish
    }

    /// <summary>The first service, the first named professional, Tuesday 8, the first free start.</summary>
    private static void ToConfirmStep(IRenderedComponent<BookingWizard> wizard)
    {
        wizard.FindAll(".choice[data-offering]")[0].Click();
        wizard.FindAll(".choice[data-provider]").First(c => c.GetAttribute("data-provider") != "any").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot")[0].Click());
        wizard.WaitForElement("#repeat-toggle");
    }
}
