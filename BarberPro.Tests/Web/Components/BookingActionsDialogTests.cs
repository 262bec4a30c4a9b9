using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using Bunit;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>The staff dialog on one booking offers what the lifecycle allows now, over a real SQLite file.</summary>
public sealed class BookingActionsDialogTests : BunitTestBase, IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestAgenda _agenda = null!;
    private IRenderedComponent<MudDialogProvider> _provider = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _agenda = await TestAgenda.SeedAsync(_db);
        _db.AddDomainTo(Services);
        _provider = Render<MudDialogProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<AgendaQueries.Item> BookTuesdayAtTenAsync(string? notes = null)
    {
        var outcome = await _db.Bookings.BookAsync(new NewBooking(_agenda.Barber.Id, _agenda.Haircut.Id, TestAgenda.TuesdayAt(10), notes),
            Actor.Customer(TestAgenda.CustomerUserId));
        var booking = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
        return new AgendaQueries.Item(booking.Id, AgendaQueries.ItemKind.Booking, _agenda.Barber.Id,
            booking.Start.InZone(TestAgenda.BuenosAires).LocalDateTime, booking.End.InZone(TestAgenda.BuenosAires).LocalDateTime, booking.Start,
            "Cliente Uno", "Corte", "+5491123456789", booking.Status, _agenda.Haircut.Id, notes);
    }

    private void Open(AgendaQueries.Item item) => Render<BookingActionsDialog>(p => p
        .Add(d => d.Item, item)
        .Add(d => d.Actor, Actor.Provider(TestAgenda.BarberUserId))
        .Add(d => d.ShopId, _agenda.Shop.Id)
        .Add(d => d.Zone, TestAgenda.BuenosAires));

    [Fact]
    public async Task BeforeTheStart_OffersConfirmMoveAndCancel_NotAttendedOrNoShow()
    {
        var item = await BookTuesdayAtTenAsync();
        _db.Clock.Reset(TestAgenda.TuesdayAt(9, 59));

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
        _db.Clock.Reset(TestAgenda.TuesdayAt(10));

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
            using var check = _db.NewContext();
            var booking = check.Bookings.Single(b => b.Id == item.Id);
            Assert.Equal(BookingStatus.Cancelled, booking.Status);
            Assert.Equal("El barbero está enfermo", booking.CancellationReason);
        });
    }
}
