using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Scheduling;

/// <summary>
/// Changes to a provider's hours, date overrides, time off and offered services. Each change bumps the provider's
/// calendar token like a booking does (so it cannot interleave with a booking being written) and writes
/// <see cref="BookingChangeKind.AvailabilityChanged"/> to the outbox in the same transaction.
/// Owners (of the shop) and admins may change everything; a provider may block and unblock their own time.
/// </summary>
public sealed class ScheduleService(IDbContextFactory<BarberProDbContext> dbFactory, IOutboxSignal outbox, IClock clock)
{
    private const int MaxAttempts = 5;

    public Task<Result<Provider>> SetWeeklyHoursAsync(Guid providerId, IReadOnlyList<(IsoDayOfWeek Day, LocalTimeRange Range)> hours, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, (_, provider) =>
        {
            provider.SetWeeklyHours(hours);
            return Task.FromResult<DomainError?>(null);
        }, _ => [], ct);

    /// <summary>Replaces one date's hours: no ranges = closed that day.</summary>
    public Task<Result<Provider>> SetOverrideAsync(Guid providerId, LocalDate date, IReadOnlyList<LocalTimeRange> ranges, string? note, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, (_, provider) =>
        {
            provider.SetOverride(date, ranges, note);
            return Task.FromResult<DomainError?>(null);
        }, _ => [date], ct);

    public Task<Result<Provider>> ClearOverrideAsync(Guid providerId, LocalDate date, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, (_, provider) =>
        {
            provider.ClearOverride(date);
            return Task.FromResult<DomainError?>(null);
        }, _ => [date], ct);

    /// <summary>Blocks time; refused while a booking is in the way (move or cancel it first).</summary>
    public Task<Result<Provider>> AddTimeOffAsync(Guid providerId, LocalDateTime start, LocalDateTime end, string? reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: false, async (db, provider) =>
        {
            if (start >= end)
                return new DomainError("provider.time_off_range", "El fin del bloqueo debe ser posterior a su inicio.", "End");
            if (start.PlusDays(366) < end)
                return new DomainError("provider.time_off_too_long", "Un bloqueo puede durar hasta un año.", "End");
            var zone = provider.Shop!.TimeZone;
            var span = new Interval(AvailabilityEngine.Resolve(zone, start), AvailabilityEngine.Resolve(zone, end));
            var inTheWay = await db.Bookings.BlockingWithin(provider.Id, span).CountAsync(ct);
            if (inTheWay > 0)
                return new DomainError("provider.time_off_has_bookings",
                    inTheWay == 1 ? "Hay un turno en ese horario. Movelo o cancelalo antes de bloquearlo."
                                  : $"Hay {inTheWay} turnos en ese horario. Movelos o cancelalos antes de bloquearlo.", "Start");
            provider.AddTimeOff(start, end, reason);
            return null;
        }, _ => DatesBetween(start.Date, end.Date), ct);

    public Task<Result<Provider>> RemoveTimeOffAsync(Guid providerId, Guid timeOffId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: false, (_, provider) =>
        {
            if (provider.TimeOff.All(t => t.Id != timeOffId))
                return Task.FromResult<DomainError?>(new("provider.time_off_missing", "Ese bloqueo ya no existe."));
            provider.RemoveTimeOff(timeOffId);
            return Task.FromResult<DomainError?>(null);
        }, _ => [], ct);

    /// <summary>Sets which of the shop's offerings the provider does.</summary>
    public Task<Result<Provider>> SetOfferingsAsync(Guid providerId, IReadOnlyCollection<Guid> offeringIds, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, async (db, provider) =>
        {
            var offerings = await db.Offerings.Where(o => o.ShopId == provider.ShopId && offeringIds.Contains(o.Id)).ToListAsync(ct);
            if (offerings.Count != offeringIds.Distinct().Count())
                return new DomainError("provider.offering_unknown", "Alguno de los servicios no existe en este local.", "ServiceIds");
            foreach (var current in provider.Offerings.ToList().Where(o => !offeringIds.Contains(o.Id)))
                provider.StopOffering(current.Id);
            foreach (var offering in offerings)
                provider.Offer(offering);
            return null;
        }, _ => [], ct);

    public Task<Result<Provider>> SetActiveAsync(Guid providerId, bool active, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, (_, provider) =>
        {
            if (active) provider.Activate(); else provider.Deactivate();
            return Task.FromResult<DomainError?>(null);
        }, _ => [], ct);

    /// <summary>Loads a provider with everything it owns, if <paramref name="actor"/> may see it.</summary>
    public async Task<Provider?> FindAsync(Guid providerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await LoadAsync(db, providerId, ct, tracking: false);
        return provider is not null && CanSee(actor, provider, ownerOnly: false) ? provider : null;
    }

    private async Task<Result<Provider>> ChangeAsync(Guid providerId, Actor actor, bool ownerOnly,
        Func<BarberProDbContext, Provider, Task<DomainError?>> change, Func<Provider, IReadOnlyList<LocalDate>> dates, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Provider? provider;
            Instant now;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                provider = await LoadAsync(db, providerId, ct, tracking: true);
                if (provider is null || !CanSee(actor, provider, ownerOnly))
                    return Result<Provider>.NotFound();
                DomainError? refused;
                try
                {
                    refused = await change(db, provider);
                }
                catch (DomainException e)
                {
                    refused = e.Error;
                }
                if (refused is not null)
                    return refused;
                now = clock.GetCurrentInstant();
                provider.Calendar!.Touch(now);
                db.Outbox.Add(OutboxMessage.For(new BookingChange(BookingChangeKind.AvailabilityChanged, Guid.Empty, provider.ShopId, provider.Id,
                    null, null, null, null, dates(provider), now), now));
                try
                {
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    await tx.RollbackAsync(ct);
                    continue;
                }
            }
            catch (Exception e) when (DatabaseFaults.Classify(e) is { } fault && !ct.IsCancellationRequested)
            {
                // Busy (a bounded wait for other writers ran out) or unavailable (the file is gone): nothing was written.
                return DatabaseFaults.ErrorFor(fault);
            }
            outbox.Wake();
            return Result<Provider>.Ok(provider);
        }
    }

    private static Task<Provider?> LoadAsync(BarberProDbContext db, Guid providerId, CancellationToken ct, bool tracking)
    {
        var query = db.Providers
            .Include(p => p.Shop)
            .Include(p => p.Calendar)
            .Include(p => p.WorkingHours)
            .Include(p => p.Overrides)
            .Include(p => p.TimeOff)
            .Include(p => p.Offerings)
            .AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == providerId, ct);
    }

    private static bool CanSee(Actor actor, Provider provider, bool ownerOnly) =>
        Access.CanRunShop(actor, provider.Shop!) || (!ownerOnly && actor.Role == ActorRole.Provider && provider.UserId == actor.UserId);

    private static List<LocalDate> DatesBetween(LocalDate first, LocalDate last)
    {
        var dates = new List<LocalDate>();
        for (var d = first; d <= last && dates.Count < 62; d = d.PlusDays(1))
            dates.Add(d);
        return dates;
    }
}
