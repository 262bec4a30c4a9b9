using BarberPro.Web.Features.Api;
using Hangfire;

namespace BarberPro.Web.Features.Jobs;

/// <summary>
/// The job server's state for the health endpoint: "healthy" when at least one Hangfire server on this app's storage
/// sent a heartbeat within <see cref="HeartbeatWithin"/>, "unhealthy" when none did or the storage cannot be read.
/// </summary>
public static class JobServerState
{
    /// <summary>Hangfire's servers beat every 30 s; a server silent for longer than this is taken for stopped.</summary>
    public static readonly TimeSpan HeartbeatWithin = TimeSpan.FromMinutes(2);

    public static JobServerHealth Read(JobStorage storage, DateTime utcNow, ILogger logger)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && utcNow - beat <= HeartbeatWithin);
            return alive > 0
                ? new JobServerHealth("healthy", $"Hangfire: {alive} servidor(es) de tareas activos ({storage}).")
                : new JobServerHealth("unhealthy", "Hangfire: ningún servidor de tareas dio señales de vida en los últimos 2 minutos.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Health check: the job storage did not answer.");
            return new JobServerHealth("unhealthy", "Hangfire: el almacenamiento de tareas no responde.");
        }
    }
}
