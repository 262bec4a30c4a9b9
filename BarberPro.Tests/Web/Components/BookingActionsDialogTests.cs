using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using Bunit;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>The staff dialog on one booking offers what the lifecycle allows now, over a real SQLite file.</summary>
public sealed class BookingActionsDialogTests : BunitDatabaseTestBase
{
    private IRenderedComponent<MudDialogProvider> _provider = null!;

    protected override void Initialized() => _provider = Render<MudDialogProvider>();

    private async Task<AgendaQueries.Item> BookTuesdayAtTenAsync(string? notes = null)
    {
        var outcome = await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10), notes),
            Actor.Customer(TestAgenda.CustomerUserId));
        var booking = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
        return new AgendaQueries.Item(booking.Id, AgendaQueries.ItemKind.Booking, Agenda.Barber.Id,
            booking.Start.InZone(TestAgenda.BuenosAires).LocalDateTime, booking.End.InZone(TestAgenda.BuenosAires).LocalDateTime, booking.Start,
            "Cliente Uno", "Corte", "+5491123456789", booking.Status, Agenda.Haircut.Id, notes);
    }

    private void Open(AgendaQueries.Item item) => Render<BookingActionsDialog>(p => p
        .Add(d => d.Item, item)
        .Add(d => d.Actor, Actor.Provider(TestAgenda.BarberUserId))
        .Add(d => d.ShopId, Agenda.Shop.Id)
        .Add(d => d.Zone, TestAgenda.BuenosAires));

    [Fact]
    public async Task BeforeTheStart_OffersConfirmMoveAndCancel_NotAttendedOrNoShow()
    {
        var item = await BookTuesdayAtTenAsync();
        Db.Clock.Reset(TestAgenda.TuesdayAt(9, 59));

        Open(item);

        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll("#action-confirm")));
        Assert.NotEmpty(_provider.FindAll("#action-move"));
        Assert.NotEmpty(_provider.FindAll("#action-cancel"));
        Assert.Empty(_provider.FindAll("#action-complete"));
        Assert.Empty(_provider.FindAll("#action-noshow"));
    }

    [Fact]
    public async Task OnceItStarted_OffersAttendedAndNoShow()
    {
        var item = await BookTuesdayAtTenAsync();
        Db.Clock.Reset(TestAgenda.TuesdayAt(10));

        Open(item);

        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll("#action-complete")));
        Assert.NotEmpty(_provider.FindAll("#action-noshow"));
        Assert.NotEmpty(_provider.FindAll("#action-confirm"));
    }

    [Fact]
    public async Task Cancel_IsEnabledAsSoonAsAReasonIsTyped_AndCancels()
    {
        var item = await BookTuesdayAtTenAsync();
        Open(item);
        _provider.WaitForAssertion(() => _provider.Find("#action-cancel").Click());
        Assert.True(_provider.Find("#staff-confirm-cancel").HasAttribute("disabled"));

        _provider.Find("input#staff-cancel-reason").Input("El barbero está enfermo");

        _provider.WaitForAssertion(() => Assert.False(_provider.Find("#staff-confirm-cancel").HasAttribute("disabled")));
        _provider.Find("#staff-confirm-cancel").Click();
        _provider.WaitForAssertion(() =>
        {
            using var check = Db.NewContext();
            var booking = check.Bookings.Single(b => b.Id == item.Id);
            Assert.Equal(BookingStatus.Cancelled, booking.Status);
            Assert.Equal("El barbero está enfermo", booking.CancellationReason);
        });
    }
}
