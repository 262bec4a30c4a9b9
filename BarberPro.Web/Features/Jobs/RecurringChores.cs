using System.Linq.Expressions;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Waitlist;
using Hangfire;
using Hangfire.Storage;

namespace BarberPro.Web.Features.Jobs;

/// <summary>
/// The app's recurring jobs, registered with Hangfire at every start-up (docs/decisions/0011: Hangfire only schedules;
/// what is due and what was done lives in our own tables, so every job is an idempotent pass that may run twice or
/// overlap). A job is a method of a service from the container; <see cref="CancellationToken.None"/> in the expression
/// is replaced by Hangfire with the server's shutdown token. Add a chore with one line in <see cref="Default"/>.
/// </summary>
public sealed class RecurringChores
{
    /// <summary>Every day at 04:17 UTC (01:17 in Buenos Aires, the quietest hour).</summary>
    public const string DailyAt0417 = "17 4 * * *";

    /// <summary>Every minute (5-part cron).</summary>
    public const string EveryMinute = "* * * * *";

    /// <summary>Every 30 seconds (6-part cron with seconds, which Hangfire 1.8 accepts), give or take the scheduler's polling.</summary>
    public const string Every30Seconds = "*/30 * * * * *";

    /// <summary>At minute 0 of every hour.</summary>
    public const string Hourly = "0 * * * *";

    private readonly List<Chore> _chores = [];

    /// <summary>The chores this app runs.</summary>
    public static RecurringChores Default() => new RecurringChores()
        // Messages: turn new agenda changes into notification rows, then send what is due (each an idempotent pass).
        .Add<NotificationPlanner>("notifications-plan", planner => planner.PlanAsync(CancellationToken.None), Every30Seconds)
        .Add<NotificationSender>("notifications-send", sender => sender.SendDueAsync(CancellationToken.None), Every30Seconds)
        .Add<IdempotentBookings>("idempotency-keys-sweep", keys => keys.SweepExpiredAsync(CancellationToken.None), Hourly)
        .Add<WaitlistService>("waitlist-expired-offers", waitlist => waitlist.PassExpiredOffersAsync(CancellationToken.None), Every30Seconds)
        .Add<DatabaseMaintenance>("database-optimize", maintenance => maintenance.OptimizeAsync(CancellationToken.None), DailyAt0417);

    public IReadOnlyList<Chore> All => _chores;

    /// <summary>Adds a chore: a unique id (shown in the dashboard), the service method to call and a cron expression (UTC).</summary>
    public RecurringChores Add<TService>(string id, Expression<Func<TService, Task>> job, string cron) where TService : notnull
    {
        if (_chores.Any(c => c.Id == id))
            throw new InvalidOperationException($"Recurring chore '{id}' is listed twice.");
        _chores.Add(new Chore(id, cron, (manager, schedule) => manager.AddOrUpdate(id, job, schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));
        return this;
    }

    /// <summary>
    /// The schedules of <c>Jobs:Schedules</c> (chore id → cron expression, e.g. <c>Jobs__Schedules__notifications-send=*/5 * * * * *</c>)
    /// in place of the defaults; an id that is not a chore is an error at start-up, not a silent no-op.
    /// </summary>
    public RecurringChores WithSchedules(IConfigurationSection schedules)
    {
        foreach (var (id, cron) in schedules.GetChildren().Select(c => (c.Key, c.Value)))
        {
            var index = _chores.FindIndex(c => c.Id == id);
            if (index < 0)
                throw new InvalidOperationException($"Jobs:Schedules:{id} names no recurring chore (known: {string.Join(", ", _chores.Select(c => c.Id))}).");
            if (!string.IsNullOrWhiteSpace(cron))
                _chores[index] = _chores[index] with { Cron = cron.Trim() };
        }
        return this;
    }

    /// <summary>
    /// Registers every chore (replacing what the storage had under the same id) and removes recurring jobs the storage
    /// still holds from an earlier version of the list (a persistent storage keeps them across deployments).
    /// </summary>
    public void Register(IRecurringJobManager manager, JobStorage storage)
    {
        foreach (var chore in _chores)
            chore.Register(manager, chore.Cron);
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => _chores.All(c => c.Id != id)).ToList())
            manager.RemoveIfExists(stale);
    }

    public sealed record Chore(string Id, string Cron, Action<IRecurringJobManager, string> Register);
}
