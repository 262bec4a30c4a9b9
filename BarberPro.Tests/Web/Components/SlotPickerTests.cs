using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Book;
using Bunit;

namespace BarberPro.Tests.Web.Components;

/// <summary>The slot picker over a real SQLite file: a slot someone else books disappears without any action here.</summary>
public sealed class SlotPickerTests : BunitDatabaseTestBase
{

    private IRenderedComponent<SlotPicker> RenderPicker(Guid? providerId) => Render<SlotPicker>(p => p
        .Add(s => s.ShopId, Agenda.Shop.Id)
        .Add(s => s.OfferingId, Agenda.Haircut.Id)
        .Add(s => s.ProviderId, providerId)
        .Add(s => s.Date, TestAgenda.Tuesday)
        .Add(s => s.Zone, TestAgenda.BuenosAires));

    [Fact]
    public void ShowsTheDaysFreeTimes_InTheShopsZone()
    {
        var picker = RenderPicker(Agenda.Barber.Id);

        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".slot")));
        var times = picker.FindAll(".slot").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal("09:00", times[0]);
        Assert.Contains("14:00", times);
        Assert.DoesNotContain("13:00", times);
    }

    [Fact]
    public async Task SlotBookedElsewhere_DisappearsLive()
    {
        var picker = RenderPicker(Agenda.Barber.Id);
        picker.WaitForAssertion(() => Assert.Contains("10:00", picker.FindAll(".slot").Select(s => s.TextContent.Trim())));

        var outcome = await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));

        Assert.IsType<BookingOutcome.Succeeded>(outcome);
        picker.WaitForAssertion(() =>
        {
            var times = picker.FindAll(".slot").Select(s => s.TextContent.Trim()).ToList();
            Assert.DoesNotContain("10:00", times);
            Assert.DoesNotContain("09:45", times); // a 30-minute haircut at 09:45 would run into it
            Assert.Contains("10:45", times);       // 10:30 + 5-minute buffer blocks 10:30; 10:45 is free
        }, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task AnyProvider_KeepsTheSlot_WhileAnotherBarberIsFree()
    {
        var picker = RenderPicker(null);
        picker.WaitForAssertion(() => Assert.Contains("10:00", picker.FindAll(".slot").Select(s => s.TextContent.Trim())));

        await Db.Bookings.BookAsync(new NewBooking(Agenda.Barber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));
        await Db.Bookings.BookAsync(new NewBooking(Agenda.OtherBarber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), Actor.Customer(TestAgenda.OtherCustomerUserId));

        picker.WaitForAssertion(() =>
        {
            var times = picker.FindAll(".slot").Select(s => s.TextContent.Trim()).ToList();
            Assert.Contains("10:00", times); // the other barber is free then
            Assert.Contains("11:00", times); // and the first one is free at 11
        });
        await Db.Bookings.BookAsync(new NewBooking(Agenda.OtherBarber.Id, Agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.OtherCustomerUserId));
        picker.WaitForAssertion(() => Assert.DoesNotContain("10:00", picker.FindAll(".slot").Select(s => s.TextContent.Trim())), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Disposing_ThePicker_Unsubscribes()
    {
        var events = (InProcessBookingEvents)Db.Events;
        var before = events.SubscriberCount;
        RenderPicker(Agenda.Barber.Id);
        Assert.Equal(before + 1, events.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, events.SubscriberCount);
    }
}
