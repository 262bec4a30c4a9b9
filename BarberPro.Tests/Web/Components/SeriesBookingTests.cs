using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Series;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>"Repetir" in the wizard over a real SQLite file: preview, per-occurrence choice, and a race shown again.</summary>
public sealed class SeriesBookingTests : BunitDatabaseTestBase
{
    public SeriesBookingTests() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    private static Instant Weekly(int week, int hour, int minute = 0) => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(week).At(new LocalTime(hour, minute)));

    private IRenderedComponent<SeriesBooking> RenderRepeating()
    {
        var component = Render<SeriesBooking>(p => p
            .Add(c => c.ProviderId, Agenda.Barber.Id)
            .Add(c => c.OfferingId, Agenda.Haircut.Id)
            .Add(c => c.Start, TestAgenda.TuesdayAt(10))
            .Add(c => c.Zone, TestAgenda.BuenosAires));
        component.Find("input[type=checkbox]").Change(true);
        component.WaitForElement("#series-preview-button").Click();
        component.WaitForAssertion(() => Assert.Equal(4, component.FindAll("#series-preview .occurrence").Count));
        return component;
    }

    [Fact]
    public async Task AClashAppearingBeforeConfirm_BooksNothing_ShowsTheSeriesAgainWithTheClash_ThenAnAlternativeBooksAll()
    {
        var component = RenderRepeating();
        Assert.Empty(component.FindAll(".occurrence.clash"));
        Assert.Contains("Reservar 4 turnos", component.Find("#confirm-series").TextContent);
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, Weekly(2, 10)),
            Actor.Customer(TestAgenda.OtherCustomerUserId)));

        component.Find("#confirm-series").Click();

        component.WaitForAssertion(() => Assert.Contains("se ocuparon 1 horario", component.Find("#series-error").TextContent));
        var raced = component.Find(".occurrence.raced");
        Assert.Contains("clash", raced.ClassName);
        Assert.Equal("2", raced.GetAttribute("data-index"));
        Assert.Contains("Reservar 3 turnos", component.Find("#confirm-series").TextContent);
        await using (var db = Db.NewContext())
            Assert.Equal(0, await db.Bookings.CountAsync(b => b.SeriesId != null));

        component.Find(".occurrence.raced .alternative").Click();
        component.Find("#confirm-series").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        component.WaitForAssertion(() => Assert.Contains("/mis-turnos?serie=", navigation.Uri));
        await using var after = Db.NewContext();
        var starts = await after.Bookings.Where(b => b.SeriesId != null).OrderBy(b => b.Start).Select(b => new { b.Start, b.SeriesIndex }).ToListAsync();
        Assert.Equal([0, 1, 2, 3], starts.Select(s => s.SeriesIndex!.Value));
        Assert.Equal(TestAgenda.Tuesday.PlusWeeks(2), starts[2].Start.InZone(TestAgenda.BuenosAires).Date);
        Assert.NotEqual(Weekly(2, 10), starts[2].Start);
    }

    [Fact]
    public void SkippingAFreeOccurrence_BooksOneFewer_AndMonthlySaysWhichWeekday()
    {
        var component = RenderRepeating();

        component.FindAll(".occurrence .skip")[1].Click();

        Assert.Contains("Reservar 3 turnos", component.Find("#confirm-series").TextContent);
        component.Find("[data-frequency='monthly']").Click();
        Assert.Contains("el 2º martes", component.Find("#monthly-hint").TextContent);
    }
}
