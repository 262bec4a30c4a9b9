using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace BarberPro.Web.Features.Owner;

/// <summary>
/// A barber's agenda-change messages (opt-in) and quiet hours: <see cref="Domain.Scheduling.Provider.ChangeStaffNotifications"/>
/// for whoever manages that agenda (<see cref="Access.CanManageAgenda"/>: the shop's owner, admins, the barber).
/// </summary>
public sealed class StaffNotificationSettings(IDbContextFactory<BarberProDbContext> dbFactory)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Null when saved; the refusal otherwise (a provider the actor does not manage reads as not found).</summary>
    public async Task<DomainError?> SaveAsync(Guid providerId, Actor actor, bool notify, string? quietFrom, string? quietTo, CancellationToken ct = default)
    {
        if (!TryTime(quietFrom, out var from) || !TryTime(quietTo, out var to))
            return new DomainError("provider.quiet_hours", "Escribí el horario de silencio como 22:00.", "QuietFrom");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.Include(p => p.Shop).FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider?.Shop is null || !Access.CanManageAgenda(actor, provider, provider.Shop))
            return new DomainError("not_found", "No encontramos a esa persona del equipo.");
        try
        {
            provider.ChangeStaffNotifications(notify, from, to);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static string? Format(LocalTime? time) => time is { } t ? Pattern.Format(t) : null;

    private static bool TryTime(string? text, out LocalTime? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var parsed = Pattern.Parse(text.Trim());
        if (!parsed.Success)
            return false;
        time = parsed.Value;
        return true;
    }
}
