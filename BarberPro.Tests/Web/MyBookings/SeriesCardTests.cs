using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Series;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.MyBookings;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.MyBookings;

/// <summary>A series in "Mis turnos": one card, expandable, with "Cancelar este" and "Cancelar este y los siguientes".</summary>
public sealed class SeriesCardTests : BunitDatabaseTestBase
{
    public SeriesCardTests() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    private async Task<IReadOnlyList<Booking>> BookWeeklyAsync(int count)
    {
        var series = Services.GetRequiredService<SeriesService>();
        var customer = Actor.Customer(TestAgenda.CustomerUserId);
        var preview = (await series.PreviewAsync(new SeriesRequest(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10), SeriesFrequency.Weekly, count, null), customer)).Value!;
        return Assert.IsType<SeriesOutcome.Succeeded>(await series.BookAsync(new NewSeries(Agenda.Barber.Id, Agenda.Haircut.Id, SeriesFrequency.Weekly,
            [.. preview.Occurrences.Select(o => o.Start)]), customer)).Bookings;
    }

    private async Task<IRenderedComponent<SeriesCard>> RenderCardAsync(Action changed)
    {
        var lines = (await Services.GetRequiredService<MyBookingsQueries>().ForCustomerAsync(TestAgenda.CustomerUserId))
            .Where(l => l.SeriesId is not null && l.IsActive).ToList();
        return Render<SeriesCard>(p => p.Add(c => c.Lines, lines).Add(c => c.Now, TestAgenda.DefaultNow).Add(c => c.Changed, changed));
    }

    private async Task<List<BookingStatus>> StatusesAsync()
    {
        await using var db = Db.NewContext();
        return await db.Bookings.OrderBy(b => b.Start).Select(b => b.Status).ToListAsync();
    }

    [Fact]
    public async Task CancelThisAndTheFollowing_FromTheSecond_LeavesTheFirst()
    {
        var bookings = await BookWeeklyAsync(3);
        var changed = false;
        var card = await RenderCardAsync(() => changed = true);
        Assert.Contains("quedan 3", card.Markup);
        Assert.Empty(card.FindAll(".series-list li"));

        card.Find(".expand").Click();
        Assert.Equal(3, card.FindAll(".series-list li").Count);
        card.Find($"li[data-booking='{bookings[1].Id}'] .cancel-following").Click();
        card.Find($"li[data-booking='{bookings[1].Id}'] .confirm-cancel").Click();

        card.WaitForAssertion(() => Assert.True(changed));
        Assert.Equal([BookingStatus.Pending, BookingStatus.Cancelled, BookingStatus.Cancelled], await StatusesAsync());
    }

    [Fact]
    public async Task CancelThis_CancelsOnlyThatOne_AndInsideTheWindowNoCancelIsOffered()
    {
        var bookings = await BookWeeklyAsync(2);
        var changed = false;
        var card = await RenderCardAsync(() => changed = true);
        card.Find(".expand").Click();

        card.Find($"li[data-booking='{bookings[1].Id}'] .cancel-this").Click();
        card.Find($"li[data-booking='{bookings[1].Id}'] .confirm-cancel").Click();

        card.WaitForAssertion(() => Assert.True(changed));
        Assert.Equal([BookingStatus.Pending, BookingStatus.Cancelled], await StatusesAsync());

        // Two hours later the first one (Tuesday 10:00) is inside the 24 h window: the card offers no cancel for it.
        Db.Clock.AdvanceHours(2);
        var later = Render<SeriesCard>(p => p
            .Add(c => c.Lines, card.Instance.Lines.Take(1).ToList())
            .Add(c => c.Now, Db.Clock.GetCurrentInstant()));
        later.Find(".expand").Click();
        Assert.Empty(later.FindAll(".cancel-this"));
        Assert.Empty(later.FindAll(".cancel-following"));
    }
}
