using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.MyBookings;

namespace BarberPro.Tests.Web.MyBookings;

/// <summary>The .ics a customer adds to their calendar says the same as the booking page about changing it.</summary>
public sealed class CalendarFileTests
{
    private static MyBookingsQueries.Line Tuesday10() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Test Barber", "test-barber",
        "+54 9 11 4833-2211", null, TestAgenda.BuenosAires, TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(10, 30), "Corte", "Barbero Uno",
        BookingStatus.Pending, 12000m, Duration.FromHours(24), null);

    private static string Unfolded(string ics) => ics.Replace("\r\n ", "");

    [Fact]
    public void BeforeTheDeadline_StatesIt()
    {
        var ics = Unfolded(CalendarFile.Build(Tuesday10(), TestAgenda.DefaultNow));   // Monday 09:00

        Assert.Contains("hasta el lunes 7 de diciembre\\, 10:00", ics);
    }

    [Fact]
    public void BookedInsideTheWindow_SaysToCallTheShop_NotThatItCanBeCancelled()
    {
        var ics = Unfolded(CalendarFile.Build(Tuesday10(), TestAgenda.Local(new LocalDateTime(2026, 12, 7, 22, 0))));

        Assert.DoesNotContain("Podés cancelar", ics);
        Assert.Contains("comunicate con el local: +54 9 11 4833-2211", ics);
    }
}
