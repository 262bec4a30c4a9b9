using AngleSharp.Dom;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;

namespace BarberPro.Tests.Web.Components;

/// <summary>The weekly hours editor checks a week before the page saves it; no database involved.</summary>
public sealed class WeeklyHoursEditorTests : BunitTestBase
{
    private static readonly LocalTime Ten = new(10, 0);
    private static readonly LocalTime Two = new(14, 0);
    private static readonly LocalTime Three = new(15, 0);
    private static readonly LocalTime Eight = new(20, 0);

    private IReadOnlyList<(IsoDayOfWeek Day, LocalTimeRange Range)>? _saved;

    [Fact]
    public void Render_SavedWeek_ShowsEachIntervalAndMarksDaysOff()
    {
        var cut = RenderEditor((IsoDayOfWeek.Tuesday, new(Ten, Two)), (IsoDayOfWeek.Tuesday, new(Three, Eight)));

        Assert.Equal(["10:00", "15:00"], Inputs(cut, IsoDayOfWeek.Tuesday, "interval-start").Select(i => i.GetAttribute("value")));
        Assert.Equal(["14:00", "20:00"], Inputs(cut, IsoDayOfWeek.Tuesday, "interval-end").Select(i => i.GetAttribute("value")));
        Assert.Empty(Day(cut, IsoDayOfWeek.Tuesday).QuerySelectorAll(".day-closed"));
        Assert.NotNull(Day(cut, IsoDayOfWeek.Monday).QuerySelector(".day-closed"));
        Assert.False(SaveDisabled(cut));
    }

    [Fact]
    public void OverlapWithinADay_ShowsTheDaysMessage_AndDisablesSave()
    {
        var cut = RenderEditor((IsoDayOfWeek.Tuesday, new(Ten, Two)), (IsoDayOfWeek.Tuesday, new(Three, Eight)),
            (IsoDayOfWeek.Wednesday, new(Ten, Two)));

        Inputs(cut, IsoDayOfWeek.Tuesday, "interval-start")[1].Change("13:00");

        var error = Assert.Single(Day(cut, IsoDayOfWeek.Tuesday).QuerySelectorAll(".day-error"));
        Assert.Contains("Las franjas 10:00–14:00 y 13:00–20:00 se superponen.", error.TextContent);
        Assert.Empty(Day(cut, IsoDayOfWeek.Wednesday).QuerySelectorAll(".day-error"));
        Assert.True(SaveDisabled(cut));
    }

    [Fact]
    public void SameIntervalTwice_IsAnOverlap()
    {
        var cut = RenderEditor((IsoDayOfWeek.Friday, new(Ten, Two)));

        cut.Find("[data-day=Friday] .add-interval").Click();
        Inputs(cut, IsoDayOfWeek.Friday, "interval-start")[1].Change("10:00");
        Inputs(cut, IsoDayOfWeek.Friday, "interval-end")[1].Change("14:00");

        Assert.Contains("se superponen", Day(cut, IsoDayOfWeek.Friday).QuerySelector(".day-error")!.TextContent);
        Assert.True(SaveDisabled(cut));
    }

    [Fact]
    public void EndBeforeStart_ShowsTheDaysMessage_AndDisablesSave()
    {
        var cut = RenderEditor((IsoDayOfWeek.Thursday, new(Ten, Two)));

        Inputs(cut, IsoDayOfWeek.Thursday, "interval-end")[0].Change("09:00");

        var error = Assert.Single(Day(cut, IsoDayOfWeek.Thursday).QuerySelectorAll(".day-error"));
        Assert.Contains("La franja 10:00–09:00 tiene que terminar después de empezar.", error.TextContent);
        Assert.True(SaveDisabled(cut));
        Assert.NotNull(cut.Find(".fix-first"));
    }

    [Fact]
    public void EndEqualToStart_IsRefusedToo()
    {
        var cut = RenderEditor((IsoDayOfWeek.Thursday, new(Ten, Two)));

        Inputs(cut, IsoDayOfWeek.Thursday, "interval-end")[0].Change("10:00");

        Assert.Contains("tiene que terminar después de empezar", Day(cut, IsoDayOfWeek.Thursday).QuerySelector(".day-error")!.TextContent);
        Assert.True(SaveDisabled(cut));
    }

    [Fact]
    public void MissingTime_AsksToCompleteIt()
    {
        var cut = RenderEditor((IsoDayOfWeek.Monday, new(Ten, Two)));

        Inputs(cut, IsoDayOfWeek.Monday, "interval-start")[0].Change("");

        Assert.Contains("Completá el inicio y el fin de cada franja.", Day(cut, IsoDayOfWeek.Monday).QuerySelector(".day-error")!.TextContent);
        Assert.True(SaveDisabled(cut));
    }

    [Fact]
    public void FixingTheOverlap_ClearsTheMessage_AndEnablesSave()
    {
        var cut = RenderEditor((IsoDayOfWeek.Tuesday, new(Ten, Two)), (IsoDayOfWeek.Tuesday, new(Three, Eight)));
        var starts = Inputs(cut, IsoDayOfWeek.Tuesday, "interval-start");
        starts[1].Change("13:00");
        Assert.True(SaveDisabled(cut));

        Inputs(cut, IsoDayOfWeek.Tuesday, "interval-start")[1].Change("14:00");

        Assert.Empty(cut.FindAll(".day-error"));
        Assert.False(SaveDisabled(cut));
    }

    [Fact]
    public void SeveralValidIntervalsPerDay_EnableSave_AndOnSaveReceivesTheWholeWeekInOrder()
    {
        var cut = RenderEditor((IsoDayOfWeek.Saturday, new(Ten, new LocalTime(18, 0))));

        // Monday: two intervals typed in out of order; Wednesday: the two suggested ones.
        cut.Find("[data-day=Monday] .add-interval").Click();
        cut.Find("[data-day=Monday] .add-interval").Click();
        Inputs(cut, IsoDayOfWeek.Monday, "interval-start")[0].Change("16:00");
        Inputs(cut, IsoDayOfWeek.Monday, "interval-end")[0].Change("20:30");
        Inputs(cut, IsoDayOfWeek.Monday, "interval-start")[1].Change("09:00");
        Inputs(cut, IsoDayOfWeek.Monday, "interval-end")[1].Change("13:00");
        for (var i = 0; i < 2; i++)
            cut.Find("[data-day=Wednesday] .add-interval").Click();
        Assert.Empty(cut.FindAll(".day-error"));
        Assert.False(SaveDisabled(cut));

        cut.Find(".save-hours").Click();

        Assert.NotNull(_saved);
        Assert.Equal(
        [
            (IsoDayOfWeek.Monday, new LocalTimeRange(new(9, 0), new(13, 0))),
            (IsoDayOfWeek.Monday, new LocalTimeRange(new(16, 0), new(20, 30))),
            (IsoDayOfWeek.Wednesday, new LocalTimeRange(new(10, 0), new(14, 0))),
            (IsoDayOfWeek.Wednesday, new LocalTimeRange(new(15, 0), new(19, 0))),
            (IsoDayOfWeek.Saturday, new LocalTimeRange(new(10, 0), new(18, 0))),
        ], _saved);
    }

    [Fact]
    public void RemovingAnInterval_LeavesTheDayOff()
    {
        var cut = RenderEditor((IsoDayOfWeek.Sunday, new(Ten, Two)));

        cut.Find("[data-day=Sunday] .remove-interval").Click();
        cut.Find(".save-hours").Click();

        Assert.NotNull(Day(cut, IsoDayOfWeek.Sunday).QuerySelector(".day-closed"));
        Assert.NotNull(_saved);
        Assert.Empty(_saved);
    }

    [Fact]
    public void Busy_DisablesSave_AndTheDomainsRefusalIsShown()
    {
        var cut = Render<WeeklyHoursEditor>(p => p
            .Add(e => e.Hours, [(IsoDayOfWeek.Monday, new LocalTimeRange(Ten, Two))])
            .Add(e => e.Busy, true)
            .Add(e => e.Error, "Las franjas 10:00–14:00 y 13:00–18:00 se superponen."));

        Assert.True(SaveDisabled(cut));
        Assert.Contains("13:00–18:00", cut.Find(".hours-refused").TextContent);
    }

    private IRenderedComponent<WeeklyHoursEditor> RenderEditor(params (IsoDayOfWeek Day, LocalTimeRange Range)[] hours) =>
        Render<WeeklyHoursEditor>(p => p
            .Add(e => e.Hours, hours)
            .Add(e => e.OnSave, (IReadOnlyList<(IsoDayOfWeek Day, LocalTimeRange Range)> week) => _saved = week));

    private static IElement Day(IRenderedComponent<WeeklyHoursEditor> cut, IsoDayOfWeek day) => cut.Find($"[data-day={day}]");

    private static IReadOnlyList<IElement> Inputs(IRenderedComponent<WeeklyHoursEditor> cut, IsoDayOfWeek day, string which) =>
        cut.FindAll($"[data-day={day}] .{which} input");

    private static bool SaveDisabled(IRenderedComponent<WeeklyHoursEditor> cut) => cut.Find(".save-hours").HasAttribute("disabled");
}
