using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void ProviderHours_ShopClosure_BeatsTheWeekAndADateOverride()
    {
        var overrides = new Dictionary<LocalDate, IReadOnlyList<LocalTimeRange>> { [Sunday] = [R(20, 0, 23, 59)] };
        var hours = new ProviderHours(WorkingDays.Select(d => (d, R(9, 0, 20, 0))), overrides, shopClosed: [Tuesday, Sunday]);

        Assert.Empty(hours.On(Tuesday));
        Assert.Empty(hours.On(Sunday));
        Assert.True(hours.IsShopClosed(Sunday));
        Assert.Equal([R(9, 0, 20, 0)], hours.On(Wednesday));
        Assert.False(hours.IsShopClosed(Wednesday));
    }

    [Fact]
    public void GetSlots_ShopClosed_NoStarts_AndCheckSaysShopClosed()
    {
        var input = Input(hours: new ProviderHours(WorkingDays.Select(d => (d, R(9, 0, 20, 0))), shopClosed: [Tuesday]));

        Assert.Empty(AvailabilityEngine.GetSlots(input, Tuesday, Now));
        Assert.False(AvailabilityEngine.HasAnySlot(input, Tuesday, Now));
        Assert.DoesNotContain(Tuesday, AvailabilityEngine.GetAvailableDays(input, new YearMonth(2026, 12), Now));
        Assert.Equal(SlotCheck.ShopClosed, AvailabilityEngine.Check(input, At(Tuesday, 10), Now));
        Assert.Equal("slot.shop_closed", SlotCheck.ShopClosed.ToError()!.Code);
        Assert.NotEmpty(AvailabilityEngine.GetSlots(input, Wednesday, Now));
        Assert.All(AvailabilityEngine.Nearest(input, At(Tuesday, 10), Now), s => Assert.NotEqual(Tuesday, s.InZone(BuenosAires).Date));
    }
}
