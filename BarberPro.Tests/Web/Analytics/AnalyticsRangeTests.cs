using BarberPro.Web.Features.Analytics;
using NodaTime;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>The range presets against the shop's today (Wednesday 9 December 2026), and what a link may carry.</summary>
public sealed class AnalyticsRangeTests
{
    private static readonly LocalDate Today = new(2026, 12, 9);

    [Theory]
    [InlineData("hoy", "2026-12-09", "2026-12-09")]
    [InlineData("semana", "2026-12-07", "2026-12-13")]
    [InlineData("mes", "2026-12-01", "2026-12-31")]
    [InlineData("30-dias", "2026-11-10", "2026-12-09")]
    [InlineData("90-dias", "2026-09-11", "2026-12-09")]
    [InlineData("anio", "2026-01-01", "2026-12-31")]
    [InlineData(null, "2026-11-10", "2026-12-09")]
    [InlineData("cualquiera", "2026-11-10", "2026-12-09")]
    public void Presets_SettleAgainstTheShopsToday(string? preset, string from, string to)
    {
        var range = AnalyticsRange.Parse(preset, null, null, Today)!;

        Assert.Equal(from, range.From.ToString("uuuu-MM-dd", null));
        Assert.Equal(to, range.To.ToString("uuuu-MM-dd", null));
        Assert.Equal(range.Preset, AnalyticsRange.ParsePreset(AnalyticsRange.Key(range.Preset)));
    }

    [Fact]
    public void CustomDates_AreTakenAsTyped_TheServiceJudgesThem()
    {
        var range = AnalyticsRange.Parse("personalizado", "2026-12-20", "2026-12-01", Today)!;

        Assert.Equal(RangePreset.Custom, range.Preset);
        Assert.Equal(new LocalDate(2026, 12, 20), range.From);
        Assert.Equal(new LocalDate(2026, 12, 1), range.To);
    }

    [Theory]
    [InlineData("2026-02-30", "2026-03-01")]
    [InlineData("", "2026-03-01")]
    [InlineData("0001-01-01", "0001-01-02")]
    [InlineData("01/11/2026", "30/11/2026")]
    public void UnreadableCustomDates_AreNull(string from, string to) =>
        Assert.Null(AnalyticsRange.Parse("personalizado", from, to, Today));
}
