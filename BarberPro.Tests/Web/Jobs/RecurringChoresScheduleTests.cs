using BarberPro.Web.Features.Jobs;
using Microsoft.Extensions.Configuration;

namespace BarberPro.Tests.Web.Jobs;

/// <summary>Jobs:Schedules replaces a chore's default cron (scripts/two-nodes.sh runs the notification chores every 5 s).</summary>
public sealed class RecurringChoresScheduleTests
{
    private static IConfigurationSection Schedules(params (string Id, string Cron)[] entries) =>
        new ConfigurationBuilder().AddInMemoryCollection(entries.Select(e => KeyValuePair.Create($"Jobs:Schedules:{e.Id}", (string?)e.Cron)))
            .Build().GetSection("Jobs:Schedules");

    [Fact]
    public void WithSchedules_ReplacesTheNamedChoresCron_AndKeepsTheOthers()
    {
        var chores = RecurringChores.Default().WithSchedules(Schedules(("notifications-send", "*/5 * * * * *")));

        Assert.Equal("*/5 * * * * *", chores.All.Single(c => c.Id == "notifications-send").Cron);
        Assert.Equal(RecurringChores.Every30Seconds, chores.All.Single(c => c.Id == "notifications-plan").Cron);
        Assert.Equal(RecurringChores.Hourly, chores.All.Single(c => c.Id == "idempotency-keys-sweep").Cron);
    }

    [Fact]
    public void WithSchedules_None_KeepsTheDefaults()
    {
        var chores = RecurringChores.Default().WithSchedules(Schedules());

        Assert.Equal(RecurringChores.Default().All.Select(c => c.Cron), chores.All.Select(c => c.Cron));
    }

    [Fact]
    public void WithSchedules_AnUnknownChore_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RecurringChores.Default().WithSchedules(Schedules(("notifications-sned", "* * * * *"))));

        Assert.Contains("notifications-sned", e.Message);
    }
}
