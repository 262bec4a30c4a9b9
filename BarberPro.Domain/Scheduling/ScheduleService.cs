using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Scheduling;

/// <summary>
/// Changes to a provider's hours, date overrides, time off and offered services. Each change runs on the agenda's
/// one write path (<see cref="AgendaWriter"/>: the provider's calendar lock first, so it cannot interleave with a
/// booking being written) and writes <see cref="BookingChangeKind.AvailabilityChanged"/> to the outbox in the same
/// transaction. A change the database cannot take (contended through every retry, or the file gone) is refused with
/// <see cref="DatabaseFaults.Busy"/> or <see cref="DatabaseFaults.Unavailable"/>, never an exception.
/// Owners (of the shop) and admins may change everything; a provider may block and unblock their own time.
/// </summary>
public sealed class ScheduleService(IDbContextFactory<BarberProDbContext> dbFactory, AgendaWriter writer)
{
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
        }, _ => [date], ct, freesTime: true);

    public Task<Result<Provider>> ClearOverrideAsync(Guid providerId, LocalDate date, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(providerId, actor, ownerOnly: true, (_, provider) =>
        {
            provider.ClearOverride(date);
            return Task.FromResult<DomainError?>(null);
        }, _ => [date], ct, freesTime: true);

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
            var inTheWay = await db.Bookings.BlockingWithin(provider.Id, span).CountAsync(ct)
                + await db.GroupSessions.OpenWithin(provider.Id, span).CountAsync(ct);
            if (inTheWay > 0)
                return new DomainError("provider.time_off_has_bookings",
                    inTheWay == 1 ? "Hay un turno o una clase en ese horario. Movelo o cancelalo antes de bloquearlo."
                                  : $"Hay {inTheWay} turnos o clases en ese horario. Movelos o cancelalos antes de bloquearlo.", "Start");
            provider.AddTimeOff(start, end, reason);
            return null;
        }, _ => DatesBetween(start.Date, end.Date), ct);

    public Task<Result<Provider>> RemoveTimeOffAsync(Guid providerId, Guid timeOffId, Actor actor, CancellationToken ct = default)
    {
        IReadOnlyList<LocalDate> freed = [];
        return ChangeAsync(providerId, actor, ownerOnly: false, (_, provider) =>
        {
            if (provider.TimeOff.SingleOrDefault(t => t.Id == timeOffId) is not { } removed)
                return Task.FromResult<DomainError?>(new("provider.time_off_missing", "Ese bloqueo ya no existe."));
            freed = DatesBetween(removed.Start.Date, removed.End.Date);
            provider.RemoveTimeOff(timeOffId);
            return Task.FromResult<DomainError?>(null);
        }, _ => [], ct, freesTime: true, freedDates: () => freed);
    }

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

    /// <param name="freesTime">The change may free time (a date's hours, time off removed): the waitlist of the freed dates
    /// (<paramref name="freedDates"/>, or the change's <paramref name="dates"/>) is offered what is free, in this transaction.</param>
    private async Task<Result<Provider>> ChangeAsync(Guid providerId, Actor actor, bool ownerOnly,
        Func<BarberProDbContext, Provider, Task<DomainError?>> change, Func<Provider, IReadOnlyList<LocalDate>> dates, CancellationToken ct,
        bool freesTime = false, Func<IReadOnlyList<LocalDate>>? freedDates = null)
    {
        var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, now) =>
        {
            var provider = await LoadAsync(db, providerId, ct, tracking: true);
            if (provider is null || !CanSee(actor, provider, ownerOnly))
                return AgendaDecision<Result<Provider>>.Stop(Result<Provider>.NotFound());
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
                return AgendaDecision<Result<Provider>>.Stop(refused);
            db.Outbox.Add(OutboxMessage.AvailabilityChanged(provider.ShopId, provider.Id, dates(provider), now));
            if (freesTime)
            {
                var today = now.InZone(provider.Shop!.TimeZone).Date;
                foreach (var date in (freedDates?.Invoke() ?? dates(provider)).Where(d => d >= today && d <= today.PlusDays(provider.Shop.Policy.HorizonDays)))
                    await Waitlist.WaitlistOffers.OfferFreedAsync(db, provider.ShopId, provider.Id, date, now, ct);
            }
            return AgendaDecision<Result<Provider>>.Write(Result<Provider>.Ok(provider));
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
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
        ownerOnly ? Access.CanRunShop(actor, provider.Shop!) : Access.CanManageAgenda(actor, provider, provider.Shop!);

    private static List<LocalDate> DatesBetween(LocalDate first, LocalDate last)
    {
        var dates = new List<LocalDate>();
        for (var d = first; d <= last && dates.Count < 62; d = d.PlusDays(1))
            dates.Add(d);
        return dates;
    }
}
