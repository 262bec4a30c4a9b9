using AngleSharp.Dom;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using BarberPro.Web.Features.Book;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// "Repetir" in the agenda's walk-in dialog over a real SQLite file (Monday 09:00, the barber works Tuesdays 9–13 and
/// 14–20): staff book a series for a walk-in customer with the wizard's preview, choice and all-or-none confirm.
/// </summary>
public sealed class WalkInSeriesTests : BunitDatabaseTestBase
{
    private const string ForeignBarberUserId = "barber-other-shop";
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private static Instant Weekly(int week, int hour, int minute = 0) => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(week).At(new LocalTime(hour, minute)));

    protected override Task ChangeSeedAsync(BarberProDbContext db)
    {
        // A barber of another shop, signed in as staff there.
        db.Users.Add(new AppUser { Id = ForeignBarberUserId, UserName = ForeignBarberUserId + "@test", Email = ForeignBarberUserId + "@test", FullName = "Barbero Ajeno" });
        var shop = new Shop("Otra Barbería", "otra-barberia");
        var corte = new Offering(shop.Id, "Corte B", Duration.FromMinutes(30), 9000m);
        var barber = new Provider(shop.Id, "Barbero Ajeno", ForeignBarberUserId);
        barber.Offer(corte);
        db.AddRange(shop, corte, barber);
        return Task.CompletedTask;
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

    /// <summary>Name, Corte, Tuesday 10:00, "Repetir" weekly 3 times, previewed.</summary>
    private void PreviewWeeklyOfThree(IRenderedComponent<MudDialogProvider> dialog, string name)
    {
        dialog.Find("#walkin-name").Change(name);
        dialog.Find(".mud-select .mud-input-control-input-container > div").MouseDown();
        _popovers.WaitForElement(".mud-list-item");
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Corte")).Click();
        dialog.WaitForAssertion(() => Assert.Contains(dialog.FindAll(".slot"), s => s.TextContent.Trim() == "10:00"));
        dialog.FindAll(".slot").Single(s => s.TextContent.Trim() == "10:00").Click();

        dialog.WaitForElement("#repeat-toggle").Change(true);
        Assert.Empty(dialog.FindAll("#walkin-save")); // the series has its own confirm
        InputOf(dialog.WaitForElement("#series-count")).Change("3");
        dialog.Find("#series-preview-button").Click();
        dialog.WaitForAssertion(() => Assert.Equal(3, dialog.FindAll("#series-preview .occurrence").Count));
    }

    private static IElement InputOf(IElement field) => field.TagName == "INPUT" ? field : field.QuerySelector("input")!;

    [Fact]
    public async Task StaffBookAWeeklySeriesOfThree_ForAWalkIn_ConfirmedWithOneSeries_AndTheDialogCloses()
    {
        string? saved = null;
        var dialog = RenderDialog(m => saved = m);
        PreviewWeeklyOfThree(dialog, "Juan Serie");
        Assert.Empty(dialog.FindAll(".occurrence.clash"));
        Assert.Contains("Reservar 3 turnos", dialog.Find("#confirm-series").TextContent);

        dialog.Find("#confirm-series").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Serie agendada: 3 turnos.", saved));
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("#walkin-name")));
        await using var db = Db.NewContext();
        var bookings = await db.Bookings.Include(b => b.Customer).OrderBy(b => b.Start).ToListAsync();
        Assert.Equal([Weekly(0, 10), Weekly(1, 10), Weekly(2, 10)], bookings.Select(b => b.Start));
        Assert.All(bookings, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        var seriesId = Assert.Single(bookings.Select(b => b.SeriesId).Distinct());
        Assert.NotNull(seriesId);
        Assert.Equal([0, 1, 2], bookings.Select(b => b.SeriesIndex!.Value));
        var customer = Assert.Single(bookings.Select(b => b.Customer!).DistinctBy(c => c.Id));
        Assert.Equal("Juan Serie", customer.FullName);
        Assert.Equal(1, await db.Customers.CountAsync(c => c.FullName == "Juan Serie"));
        var series = await db.BookingSeries.SingleAsync();
        Assert.Equal(customer.Id, series.CustomerId);
        Assert.Equal(TestAgenda.BarberUserId, series.CreatedByUserId);
        var agenda = await new AgendaQueries(Db.DbFactory).LoadAsync(Agenda.Barber.Id, TestAgenda.Tuesday, TestAgenda.Tuesday, Barber);
        var item = Assert.Single(agenda!.Items);
        Assert.Equal(seriesId, item.SeriesId); // the agenda's repeat mark
    }

    [Fact]
    public async Task AClashingOccurrence_OffersAlternativesOrSkip_AndTheChosenAlternativeIsBooked()
    {
        Assert.IsType<BookingOutcome.Succeeded>(await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, Weekly(1, 10)),
            Actor.Customer(TestAgenda.OtherCustomerUserId)));
        string? saved = null;
        var dialog = RenderDialog(m => saved = m);
        PreviewWeeklyOfThree(dialog, "Ana");

        var clash = dialog.Find(".occurrence.clash");
        Assert.Equal("1", clash.GetAttribute("data-index"));
        Assert.Contains("No disponible", clash.TextContent);
        Assert.NotEmpty(clash.QuerySelectorAll(".alternative"));
        Assert.NotNull(clash.QuerySelector(".skip"));
        Assert.Contains("Reservar 2 turnos", dialog.Find("#confirm-series").TextContent); // skipped until chosen
        var alternative = dialog.Find(".occurrence.clash .alternative");
        var alternativeTime = alternative.TextContent.Trim();
        alternative.Click();
        Assert.Contains("Reservar 3 turnos", dialog.Find("#confirm-series").TextContent);

        dialog.Find("#confirm-series").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Serie agendada: 3 turnos.", saved));
        await using var db = Db.NewContext();
        var series = await db.Bookings.Include(b => b.Customer).Where(b => b.SeriesId != null).OrderBy(b => b.Start).ToListAsync();
        Assert.Equal(3, series.Count);
        Assert.All(series, b => Assert.Equal("Ana", b.Customer!.FullName));
        var second = series[1].Start.InZone(TestAgenda.BuenosAires);
        Assert.Equal(TestAgenda.Tuesday.PlusWeeks(1), second.Date);
        Assert.Equal(alternativeTime, second.TimeOfDay.ToString("HH:mm", null));
        Assert.NotEqual(Weekly(1, 10), series[1].Start);
    }

    [Fact]
    public async Task ConfirmingWithoutAName_SaysSoInSpanish_AndBooksNothing_ThenWithTheNameItBooks()
    {
        string? saved = null;
        var dialog = RenderDialog(m => saved = m);
        PreviewWeeklyOfThree(dialog, "");

        dialog.Find("#confirm-series").Click();

        dialog.WaitForAssertion(() => Assert.StartsWith("Ingresá el nombre del cliente", dialog.Find("#series-error").TextContent.Trim()));
        await using (var db = Db.NewContext())
        {
            Assert.Equal(0, await db.Bookings.CountAsync());
            Assert.Equal(0, await db.BookingSeries.CountAsync());
        }

        dialog.Find("#walkin-name").Change("Pedro");
        dialog.Find("#confirm-series").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Serie agendada: 3 turnos.", saved));
        await using var after = Db.NewContext();
        Assert.Equal(3, await after.Bookings.CountAsync(b => b.SeriesId != null && b.Customer!.FullName == "Pedro"));
    }

    [Fact]
    public async Task AnotherShopsBarber_CannotPreviewOrBook_SeesWhyInSpanish_AndNothingIsWritten()
    {
        var foreign = Actor.Provider(ForeignBarberUserId);
        var directory = Services.GetRequiredService<CustomerDirectory>();
        var asked = 0;
        var component = Render<SeriesBooking>(p => p
            .Add(c => c.ProviderId, Agenda.Barber.Id)
            .Add(c => c.OfferingId, Agenda.Haircut.Id)
            .Add(c => c.Start, Weekly(0, 10))
            .Add(c => c.Zone, TestAgenda.BuenosAires)
            .Add(c => c.Staff, foreign)
            .Add(c => c.ForCustomer, () => { asked++; return directory.FindOrAddWalkInAsync(Agenda.Shop.Id, "Intruso", null, foreign); })
            .Add(c => c.Booked, (BarberPro.Domain.Series.SeriesOutcome.Succeeded _) => Assert.Fail("booked")));

        component.Find("#repeat-toggle").Change(true);
        component.WaitForElement("#series-preview-button").Click();

        component.WaitForAssertion(() => Assert.Equal("Ese servicio o profesional ya no está disponible.", component.Find("#series-error").TextContent.Trim()));
        Assert.Empty(component.FindAll("#series-preview"));
        Assert.Empty(component.FindAll("#confirm-series"));
        Assert.Equal(0, asked);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Bookings.CountAsync());
        Assert.Equal(0, await db.BookingSeries.CountAsync());
        Assert.False(await db.Customers.AnyAsync(c => c.FullName == "Intruso"));
        // The directory refuses them too, had they reached the confirm.
        Assert.True((await directory.FindOrAddWalkInAsync(Agenda.Shop.Id, "Intruso", null, foreign)).IsNotFound);
    }
}
