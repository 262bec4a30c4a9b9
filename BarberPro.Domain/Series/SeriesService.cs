using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Series;

/// <summary>A series to preview: the first start and how it repeats (a number of times, or until a date).</summary>
public sealed record SeriesRequest(Guid ProviderId, Guid OfferingId, Instant FirstStart, SeriesFrequency Frequency, int? Count, LocalDate? Until);

/// <summary>The occurrences chosen to book (free ones, alternatives taken on the same date; skipped ones left out).</summary>
/// <param name="CustomerId">Who the series is for; staff must give it (a customer of the shop), customers book for themselves.</param>
/// <param name="PatternStart">
/// The pattern's first start as previewed (<see cref="SeriesRequest.FirstStart"/>), which anchors its dates and time; when
/// null, the first chosen date at the time most chosen starts share (enough unless the first occurrence was skipped).
/// </param>
/// <param name="Patient">DNI and health insurance for a shop that asks for them (<see cref="Customers.PatientRecords"/>); null otherwise.</param>
public sealed record NewSeries(Guid ProviderId, Guid OfferingId, SeriesFrequency Frequency, IReadOnlyList<Instant> Starts,
    string? Notes = null, Guid? CustomerId = null, Instant? PatternStart = null, Customers.PatientDetails? Patient = null);

/// <summary>One occurrence of a preview: free, or clashing with <see cref="Error"/> and up to three alternatives on its date.</summary>
public sealed record SeriesOccurrence(int Index, Instant Start, Instant End, bool Available, DomainError? Error, IReadOnlyList<Instant> Alternatives);

/// <summary>Every occurrence of a pattern, and whether the limits cut it short.</summary>
public sealed record SeriesPreview(SeriesFrequency Frequency, IReadOnlyList<SeriesOccurrence> Occurrences, bool CappedAtMax, bool CutAtHorizon);

/// <summary>A chosen start that cannot be booked, and why.</summary>
public sealed record SeriesClash(Instant Start, DomainError Error);

/// <summary>What became of a series write. Nothing was written unless <see cref="Succeeded"/>.</summary>
public abstract record SeriesOutcome
{
    private SeriesOutcome() { }

    /// <summary>The series and every chosen booking committed together.</summary>
    public sealed record Succeeded(BookingSeries Series, IReadOnlyList<Booking> Bookings) : SeriesOutcome;

    /// <summary>At least one chosen start is taken or not bookable: nothing was created.</summary>
    public sealed record Clashed(IReadOnlyList<SeriesClash> Clashes) : SeriesOutcome;

    /// <summary>A rule refused the request as a whole (bad input, unbookable service, no customer).</summary>
    public sealed record Rejected(DomainError Error) : SeriesOutcome;

    /// <summary>The provider, offering or booking does not exist, or is not the actor's.</summary>
    public sealed record NotFound : SeriesOutcome;

    /// <summary>The database was too busy or cannot take writes (<see cref="BookingOutcome.Busy"/>, <see cref="BookingOutcome.Unavailable"/>).</summary>
    public sealed record Fault(BookingOutcome Outcome) : SeriesOutcome;

    /// <summary>The series-wide cancellation went through: the bookings cancelled, the asked one first.</summary>
    public sealed record Cancelled(IReadOnlyList<Booking> Bookings) : SeriesOutcome;
}

/// <summary>
/// Recurring appointments: preview a pattern against the agenda, book the chosen occurrences all or none, cancel "this
/// and the following". Occurrences are ordinary bookings (<see cref="Booking.SeriesId"/>): rescheduling one is
/// <see cref="BookingService.RescheduleAsync"/>, cancelling one is <see cref="BookingService.ApplyAsync"/>.
/// Bookability is <see cref="AvailabilityEngine.Check"/>'s, with the horizon widened to the shop's
/// <see cref="Shops.BookingPolicy.SeriesHorizonMonths"/>; writes run on <see cref="AgendaWriter"/> under the provider's lock.
/// </summary>
public sealed class SeriesService(IDbContextFactory<BarberProDbContext> dbFactory, AgendaWriter writer, IClock clock)
{
    /// <summary>How many alternatives a clashing occurrence offers, nearest first, on its own date.</summary>
    public const int AlternativesPerOccurrence = 3;

    /// <summary>Every occurrence of the pattern, checked against the agenda as it is now (nothing is held).</summary>
    public async Task<Result<SeriesPreview>> PreviewAsync(SeriesRequest request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var shop = await db.Providers.Where(p => p.Id == request.ProviderId).Select(p => p.Shop!).AsNoTracking().SingleOrDefaultAsync(ct);
        if (shop is null)
            return Result<SeriesPreview>.NotFound();
        var zone = shop.TimeZone;
        var lastDate = LastSeriesDate(now, zone, shop.Policy.SeriesHorizonMonths);
        var plan = SeriesPattern.Plan(request.Frequency, request.FirstStart.InZone(zone).LocalDateTime, request.Count, request.Until, lastDate);
        if (plan.Error is { } refused)
            return refused;
        var occurrences = plan.Value!.Occurrences;

        var agenda = await AgendaLoader.LoadAsync(db, request.ProviderId, request.OfferingId, occurrences[0].Date, occurrences[^1].Date, now, null, ct);
        if (agenda is null || (actor.IsStaff && !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop)))
            return Result<SeriesPreview>.NotFound();
        if (agenda.Unbookable is { } unbookable)
            return unbookable;

        var input = SeriesInput(agenda.Input, now);
        var booker = BookingService.BookerOf(actor);
        var result = new List<SeriesOccurrence>(occurrences.Count);
        for (var i = 0; i < occurrences.Count; i++)
        {
            var start = ShopTime.ToInstant(occurrences[i], zone);
            var check = AvailabilityEngine.Check(input, start, now, booker);
            var alternatives = check == SlotCheck.Available ? [] : AlternativesOn(input, occurrences[i].Date, start, now);
            result.Add(new SeriesOccurrence(i, start, start + agenda.Offering.Duration, check == SlotCheck.Available, check.ToError(), alternatives));
        }
        return Result<SeriesPreview>.Ok(new SeriesPreview(request.Frequency, result, plan.Value.CappedAtMax, plan.Value.CutAtHorizon));
    }

    /// <summary>
    /// Books the chosen occurrences in one agenda write: each start is checked with the engine against the agenda and the
    /// occurrences already taken by this series; when any one is not bookable nothing is created and
    /// <see cref="SeriesOutcome.Clashed"/> lists every such start. The pattern is anchored at the first chosen date and the
    /// time most chosen starts share, or at <see cref="NewSeries.PatternStart"/>; each start must fall on one of its dates
    /// (an alternative keeps its date).
    /// </summary>
    public async Task<SeriesOutcome> BookAsync(NewSeries request, Actor actor, CancellationToken ct = default)
    {
        if (request.Starts.Count is 0 or > BookingSeries.MaxOccurrences)
            return new SeriesOutcome.Rejected(new("series.count", $"Una serie puede tener de 1 a {BookingSeries.MaxOccurrences} turnos.", "Occurrences"));
        var starts = request.Starts.Order().ToList();

        var result = await writer.RunAsync(new AgendaLock.Provider(request.ProviderId), async (db, now) =>
        {
            var zoneId = await db.Providers.Where(p => p.Id == request.ProviderId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
            if (zoneId is null)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.NotFound());
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var locals = starts.Select(s => s.InZone(zone).LocalDateTime).ToList();
            if (locals.Select(l => l.Date).Distinct().Count() != locals.Count)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(
                    new("series.same_date", "Una serie tiene a lo sumo un turno por día.", "Occurrences")));
            var anchorTime = locals.GroupBy(l => l.TimeOfDay).OrderByDescending(g => g.Count()).ThenBy(g => locals.IndexOf(g.First())).First().Key;
            var first = request.PatternStart is { } patternStart ? patternStart.InZone(zone).LocalDateTime : locals[0].Date.At(anchorTime);
            var indexes = SeriesPattern.IndexesOf(request.Frequency, first.Date, [.. locals.Select(l => l.Date)]);
            if (indexes is null)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(
                    new("series.not_in_pattern", "Cada turno de la serie tiene que caer en una de sus fechas.", "Occurrences")));

            var agenda = await AgendaLoader.LoadAsync(db, request.ProviderId, request.OfferingId, locals[0].Date, locals[^1].Date, now, null, ct);
            if (agenda is null || (actor.IsStaff && !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop)))
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.NotFound());
            if (agenda.Unbookable is { } unbookable)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(unbookable));
            var customerAsked = new NewBooking(request.ProviderId, request.OfferingId, starts[0], request.Notes, request.CustomerId);
            var customer = await BookingService.ResolveCustomerAsync(db, agenda.Shop.Id, customerAsked, actor, ct);
            if (customer is null)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(BookingService.NoCustomer(actor, request.CustomerId)));
            if (await ShopCustomers.AdmitOnlineAsync(db, agenda.Shop.Id, customer, actor, now, ct) is { } blocked)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(blocked));
            if (await PatientRecords.TakeAsync(db, agenda.Shop, customer, request.Patient, actor, now, ct) is { } noPatient)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(noPatient));

            var input = SeriesInput(agenda.Input, now);
            var booker = BookingService.BookerOf(actor);
            var clashes = new List<SeriesClash>();
            foreach (var start in starts)
            {
                var check = AvailabilityEngine.Check(input, start, now, booker);
                if (check != SlotCheck.Available)
                    clashes.Add(new SeriesClash(start, check.ToError()!));
                else
                    input = input with { Busy = [.. input.Busy, input.Shape.BlockedAt(start)] };
            }
            if (clashes.Count > 0)
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Clashed(clashes));

            var series = new BookingSeries(agenda.Shop.Id, agenda.Provider.Id, agenda.Offering.Id, customer.Id, request.Frequency,
                first, indexes[^1] + 1, actor.UserId, now);
            db.BookingSeries.Add(series);
            var bookings = new List<Booking>(starts.Count);
            try
            {
                for (var i = 0; i < starts.Count; i++)
                {
                    var booking = new Booking(agenda.Shop, agenda.Provider, agenda.Offering, customer, starts[i], request.Notes, actor, now);
                    booking.PartOfSeries(series.Id, indexes[i]);
                    bookings.Add(booking);
                }
            }
            catch (DomainException e)
            {
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(e.Error));
            }
            foreach (var booking in bookings)
            {
                db.Bookings.Add(booking);
                db.Outbox.Add(OutboxMessage.For(BookingService.ChangeOf(booking, BookingChangeKind.Created, agenda.Shop, null), now));
            }
            return AgendaDecision<SeriesOutcome>.Write(new SeriesOutcome.Succeeded(series, bookings));
        }, ct);
        return result.Fault is { } fault ? new SeriesOutcome.Fault(BookingOutcome.Of(fault)) : result.Value!;
    }

    /// <summary>
    /// Cancels <paramref name="bookingId"/> and every later occurrence of its series (by start) that is still pending or
    /// confirmed, in one agenda write. Each is checked by the lifecycle table with the cancellation window for its own
    /// start: when the asked one may not be cancelled nothing is (<see cref="SeriesOutcome.Rejected"/>); a later one that
    /// may not is left as it is. Each freed date is offered to the waitlist in the same transaction.
    /// </summary>
    public async Task<SeriesOutcome> CancelFollowingAsync(Guid bookingId, Actor actor, string? reason, CancellationToken ct = default)
    {
        var result = await writer.RunAsync(new AgendaLock.OfBooking(bookingId), async (db, now) =>
        {
            var asked = await db.Bookings
                .Include(b => b.Shop).Include(b => b.Provider).Include(b => b.Offering).Include(b => b.Customer).Include(b => b.History)
                .AsSplitQuery()
                .SingleOrDefaultAsync(b => b.Id == bookingId, ct);
            if (asked is null || !Access.CanSeeBooking(actor, asked))
                return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.NotFound());
            var shop = asked.Shop!;
            var later = asked.SeriesId is { } seriesId
                ? await db.Bookings.ThatAreOpen()
                    .Where(b => b.SeriesId == seriesId && b.Id != asked.Id && b.Start > asked.Start)
                    .OrderBy(b => b.Start)
                    .ToListAsync(ct)
                : [];

            var cancelled = new List<Booking>();
            foreach (var booking in (IEnumerable<Booking>)[asked, .. later])
            {
                DomainError? refused;
                try
                {
                    refused = booking.Apply(BookingAction.Cancel, actor, now, shop.Policy.CancellationWindow, reason);
                }
                catch (DomainException e)
                {
                    refused = e.Error;
                }
                if (refused is not null && booking == asked)
                    return AgendaDecision<SeriesOutcome>.Stop(new SeriesOutcome.Rejected(refused));
                if (refused is null)
                    cancelled.Add(booking);
            }
            foreach (var booking in cancelled)
                db.Outbox.Add(OutboxMessage.For(BookingService.ChangeOf(booking, BookingChangeKind.Cancelled, shop, null), now));
            if (asked.SessionId is not null)
                // A seat (never part of a series): its place goes to the session's waitlist, as when it is left.
                await Sessions.SessionService.SeatCancelledAsync(db, asked, now, ct);
            else
                foreach (var date in cancelled.Select(b => b.LocalStartDate).Distinct())
                    await WaitlistOffers.OfferFreedAsync(db, shop.Id, asked.ProviderId, date, now, ct);
            return AgendaDecision<SeriesOutcome>.Write(new SeriesOutcome.Cancelled(cancelled));
        }, ct);
        return result.Fault is { } fault ? new SeriesOutcome.Fault(BookingOutcome.Of(fault)) : result.Value!;
    }

    /// <summary>The last local date a series may reach: today in the shop plus its series horizon.</summary>
    public static LocalDate LastSeriesDate(Instant now, DateTimeZone zone, int seriesHorizonMonths) =>
        now.InZone(zone).Date.PlusMonths(seriesHorizonMonths);

    /// <summary>The engine input with the horizon widened to the shop's series horizon (never narrowed).</summary>
    private static AvailabilityInput SeriesInput(AvailabilityInput input, Instant now)
    {
        var today = now.InZone(input.Zone).Date;
        var days = Period.Between(today, LastSeriesDate(now, input.Zone, input.Policy.SeriesHorizonMonths), PeriodUnits.Days).Days;
        return days <= input.Policy.HorizonDays ? input : input with { Policy = input.Policy with { HorizonDays = days } };
    }

    /// <summary>Up to <see cref="AlternativesPerOccurrence"/> free starts on <paramref name="date"/>, nearest to <paramref name="wanted"/>, in order.</summary>
    private static IReadOnlyList<Instant> AlternativesOn(AvailabilityInput input, LocalDate date, Instant wanted, Instant now) =>
        AvailabilityEngine.GetSlots(input, date, now)
            .OrderBy(t => t < wanted ? wanted - t : t - wanted)
            .Take(AlternativesPerOccurrence)
            .Order()
            .ToList();
}
