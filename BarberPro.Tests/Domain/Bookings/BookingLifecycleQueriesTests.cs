using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using NodaTime.Testing;
using static BarberPro.Domain.Bookings.ActorRole;
using static BarberPro.Domain.Bookings.BookingAction;
using static BarberPro.Domain.Bookings.BookingStatus;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// What pages ask the lifecycle table before showing anything: the customer's deadline and the actions an actor
/// may take now. The story: a Monday 10:00 booking made on Sunday at 22:00 with a 24 h window.
/// </summary>
public sealed class BookingLifecycleQueriesTests
{
    private static readonly Duration Window = Duration.FromHours(24);
    private static readonly Instant MondayTen = TestAgenda.Local(new LocalDateTime(2026, 12, 7, 10, 0));
    private static readonly Instant SundayTen = TestAgenda.Local(new LocalDateTime(2026, 12, 6, 10, 0));
    private static readonly Instant SundayTwentyTwo = TestAgenda.Local(new LocalDateTime(2026, 12, 6, 22, 0));

    [Fact]
    public void CustomerChangeDeadline_IsTheStartMinusTheWindow()
    {
        Assert.Equal(SundayTen, BookingLifecycle.CustomerChangeDeadline(MondayTen, Window));
        Assert.Equal(MondayTen, BookingLifecycle.CustomerChangeDeadline(MondayTen, Duration.Zero));
    }

    [Fact]
    public void CanCustomerChange_BookedOnSundayNightForMondayMorning_IsFalse()
    {
        var clock = new FakeClock(SundayTwentyTwo);

        Assert.False(BookingLifecycle.CanCustomerChange(MondayTen, clock.GetCurrentInstant(), Window));
    }

    [Fact]
    public void CanCustomerChange_UntilTheDeadlineInclusive_ThenNoLonger()
    {
        var clock = new FakeClock(SundayTen - Duration.FromHours(1));
        Assert.True(BookingLifecycle.CanCustomerChange(MondayTen, clock.GetCurrentInstant(), Window));

        clock.Advance(Duration.FromHours(1));
        Assert.True(BookingLifecycle.CanCustomerChange(MondayTen, clock.GetCurrentInstant(), Window));

        clock.Advance(Duration.Epsilon);
        Assert.False(BookingLifecycle.CanCustomerChange(MondayTen, clock.GetCurrentInstant(), Window));
    }

    [Fact]
    public void AllowedActions_CustomerInsideTheWindow_OnlyConfirmsAPendingBooking()
    {
        var clock = new FakeClock(SundayTwentyTwo);

        Assert.Equal([Confirm], BookingLifecycle.AllowedActions(Pending, Customer, MondayTen, clock.GetCurrentInstant(), Window));
        Assert.Empty(BookingLifecycle.AllowedActions(Confirmed, Customer, MondayTen, clock.GetCurrentInstant(), Window));
    }

    [Fact]
    public void AllowedActions_CustomerBeforeTheDeadline_CancelAndReschedule_ThenNothingOnceItPasses()
    {
        var clock = new FakeClock(SundayTen - Duration.FromMinutes(1));
        Assert.Equal([Cancel, Reschedule], BookingLifecycle.AllowedActions(Confirmed, Customer, MondayTen, clock.GetCurrentInstant(), Window));

        clock.Advance(Duration.FromMinutes(2));
        Assert.Empty(BookingLifecycle.AllowedActions(Confirmed, Customer, MondayTen, clock.GetCurrentInstant(), Window));
    }

    [Fact]
    public void AllowedActions_Staff_AttendedAndNoShowOnlyOnceItStarted()
    {
        var clock = new FakeClock(MondayTen - Duration.FromMinutes(5));
        Assert.Equal([Confirm, Cancel, Reschedule], BookingLifecycle.AllowedActions(Pending, Provider, MondayTen, clock.GetCurrentInstant(), Window));
        Assert.Equal([Cancel, Reschedule], BookingLifecycle.AllowedActions(Confirmed, Owner, MondayTen, clock.GetCurrentInstant(), Window));

        clock.Advance(Duration.FromMinutes(5));
        Assert.Equal([Cancel, Reschedule, Complete, MarkNoShow], BookingLifecycle.AllowedActions(Confirmed, Provider, MondayTen, clock.GetCurrentInstant(), Window));
    }

    [Theory]
    [InlineData(Completed)]
    [InlineData(Cancelled)]
    [InlineData(NoShow)]
    public void AllowedActions_TerminalStatus_IsEmptyForEveryone(BookingStatus status)
    {
        foreach (var role in Enum.GetValues<ActorRole>())
            Assert.Empty(BookingLifecycle.AllowedActions(status, role, MondayTen, MondayTen + Duration.FromHours(1), Window));
    }

    [Fact]
    public void AllowedActions_AgreesWithDecide_ForEveryStatusRoleAndMoment()
    {
        Instant[] moments = [SundayTen - Duration.FromDays(1), SundayTen, SundayTwentyTwo, MondayTen, MondayTen + Duration.FromHours(1)];
        foreach (var status in Enum.GetValues<BookingStatus>())
        foreach (var role in Enum.GetValues<ActorRole>())
        foreach (var now in moments)
        {
            var expected = Enum.GetValues<BookingAction>().Where(a => BookingLifecycle.Decide(status, a, role, MondayTen, now, Window).Allowed);
            Assert.Equal(expected, BookingLifecycle.AllowedActions(status, role, MondayTen, now, Window));
        }
    }
}
