using BarberPro.Domain.Availability;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// Every write to a provider's agenda: create, reschedule, confirm, cancel, complete, no-show. The UI, the API
/// and jobs all call this; none of them writes bookings on its own.
/// <para>
/// Each write runs through <see cref="AgendaWriter"/>: its first statement locks the provider's
/// <see cref="ProviderCalendar"/> row, then it reads the booking and the agenda, decides with
/// <see cref="AvailabilityEngine"/>, writes and commits; contention is retried and, when it persists, answered
/// <see cref="BookingOutcome.Busy"/>. Alternatives for a conflict are computed after the transaction, and the change is
/// published through the outbox after the commit (docs/decisions/0007). See docs/decisions/0001.
/// </para>
/// </summary>
public sealed class BookingService(IDbContextFactory<BarberProDbContext> dbFactory, AvailabilityService availability, AgendaWriter writer,
    BarberProMetrics metrics)
{

    /// <summary>Books a slot. Conflicts come back as <see cref="BookingOutcome.Conflict"/> with alternatives, never as exceptions.</summary>
    public Task<BookingOutcome> BookAsync(NewBooking request, Actor actor, CancellationToken ct = default) =>
        BookAsync(request, actor, null, ct);

    /// <summary>
    /// Books, and with an idempotency <paramref name="claim"/> writes its key in the same transaction as the booking; when
    /// the key is already taken nothing is booked and <see cref="IdempotencyClaim.Held"/> says by what.
    /// </summary>
    internal Task<BookingOutcome> BookAsync(NewBooking request, Actor actor, IdempotencyClaim? claim, CancellationToken ct) =>
        BookAsync(request, actor, claim, null, ct);

    /// <summary>
    /// Books the slot held for waitlist entry <paramref name="heldEntryId"/> (its customer accepting the offer): the same
    /// pipeline, with the entry's own hold left out of the agenda, the entry re-read under the lock (still offered, not
    /// expired, the same slot, the actor's) and marked booked in the same transaction. A hold that ran out is
    /// <c>waitlist.offer_expired</c>. The minimum notice was checked when the slot was offered, so it is not asked again.
    /// </summary>
    internal Task<BookingOutcome> BookHeldAsync(NewBooking request, Actor actor, Guid heldEntryId, CancellationToken ct) =>
        BookAsync(request, actor, null, heldEntryId, ct);

    private Task<BookingOutcome> BookAsync(NewBooking request, Actor actor, IdempotencyClaim? claim, Guid? heldEntryId, CancellationToken ct) =>
        Catalog.Visit.Refusal(request.OfferingIds) is { } notAVisit
            ? Task.FromResult<BookingOutcome>(new BookingOutcome.Rejected(notAVisit))
            : WriteAgendaAsync(new AgendaLock.Provider(request.ProviderId), async (db, now) =>
        {
            if (claim is not null && !await claim.IsFreeAsync(db, actor.UserId, now, ct))
                return new BookingOutcome.NotFound();

            WaitlistEntry? held = null;
            if (heldEntryId is { } entryId)
            {
                held = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == entryId, ct);
                if (held is null || held.OfferProviderId != request.ProviderId || held.OfferStart != request.Start || held.OfferingId != request.OfferingId)
                    return new BookingOutcome.NotFound();
                if (!held.HoldsAt(now))
                    return new BookingOutcome.Rejected(WaitlistErrors.OfferExpired);
            }

            var agenda = await AgendaLoader.LoadDayOfAsync(db, request.ProviderId, request.OfferingIds, request.Start, now, null, ct, held?.Id);
            if (agenda is null)
                return new BookingOutcome.NotFound();
            if (actor.IsStaff && !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop))
                return new BookingOutcome.NotFound();
            if (agenda.Unbookable is { } unbookable)
                return new BookingOutcome.Rejected(unbookable);

            var customer = await ResolveCustomerAsync(db, agenda.Shop.Id, request, actor, ct);
            if (customer is null)
                return new BookingOutcome.Rejected(NoCustomer(actor, request.CustomerId));

            if (held is not null && held.CustomerId != customer.Id)
                return new BookingOutcome.NotFound();
            // Before the patient details, which link a customer new to the shop on their own.
            if (await ShopCustomers.AdmitOnlineAsync(db, agenda.Shop.Id, customer, actor, now, ct) is { } blocked)
                return new BookingOutcome.Rejected(blocked);
            if (await PatientRecords.TakeAsync(db, agenda.Shop, customer, request.Patient, actor, now, ct) is { } noPatient)
                return new BookingOutcome.Rejected(noPatient);

            var check = AvailabilityEngine.Check(agenda.Input, request.Start, now, held is null ? BookerOf(actor) : Booker.Staff);
            if (check == SlotCheck.Taken)
                return Taken;
            if (check != SlotCheck.Available)
                return new BookingOutcome.Rejected(check.ToError()!);

            Booking booking;
            try
            {
                booking = new Booking(agenda.Shop, agenda.Provider, agenda.Visit, customer, request.Start, request.Notes, actor, now);
            }
            catch (DomainException e)
            {
                return new BookingOutcome.Rejected(e.Error);
            }
            db.Bookings.Add(booking);
            held?.MarkBooked(booking.Id, now);
            if (claim is not null)
                db.BookingRequestKeys.Add(new BookingRequestKey(actor.UserId, claim.Key, claim.Fingerprint, request, now, booking.Id));
            return new AgendaWrite(booking, BookingChangeKind.Created, agenda.Shop);
        }, () => ConflictAsync(request.ProviderId, request.OfferingIds, request.Start, null, ct), ct);

    /// <summary>
    /// Books with whichever provider of the shop is free at <paramref name="start"/> ("cualquiera"). Load is spread
    /// fairly: the free provider with the fewest bookings that day is tried first.
    /// </summary>
    public Task<BookingOutcome> BookAnyAsync(Guid shopId, Guid offeringId, Instant start, string? notes, Actor actor, PatientDetails? patient = null,
        CancellationToken ct = default) =>
        BookAnyAsync(shopId, [offeringId], start, notes, actor, patient, ct);

    /// <summary>
    /// "Cualquiera" for a visit of <paramref name="offeringIds"/> (in order): only providers who do every service are
    /// candidates, and the whole visit goes to one of them.
    /// </summary>
    public async Task<BookingOutcome> BookAnyAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, Instant start, string? notes, Actor actor,
        PatientDetails? patient = null, CancellationToken ct = default)
    {
        if (Catalog.Visit.Refusal(offeringIds) is { } notAVisit)
            return new BookingOutcome.Rejected(notAVisit);
        List<Guid> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
            if (shop is null)
                return new BookingOutcome.NotFound();
            var date = start.InZone(shop.TimeZone).Date;
            var free = (await availability.GetAnySlotsAsync(shopId, offeringIds, date, ct)).SingleOrDefault(s => s.Start == start)?.FreeProviderIds ?? [];
            var dayStart = shop.TimeZone.AtStartOfDay(date).ToInstant();
            var dayEnd = shop.TimeZone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            var load = await db.Bookings.ThatBlockTime()
                .Where(b => free.Contains(b.ProviderId) && b.Start >= dayStart && b.Start < dayEnd)
                .GroupBy(b => b.ProviderId)
                .Select(g => new { ProviderId = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            candidates = free.OrderBy(id => load.SingleOrDefault(l => l.ProviderId == id)?.Count ?? 0).ThenBy(id => id).ToList();
            if (candidates.Count == 0)
            {
                var anyProvider = (await AvailabilityService.ProvidersOfferingAsync(db, shopId, offeringIds, ct)).FirstOrDefault();
                if (anyProvider == Guid.Empty)
                    return new BookingOutcome.NotFound();
                // Say why (past, too soon, outside hours…) through the same engine check, using one provider's view.
                var outcome = await BookAsync(NewBooking.ForVisit(anyProvider, offeringIds, start, notes, patient: patient), actor, ct);
                return outcome is BookingOutcome.Conflict ? await AnyConflictAsync(shopId, offeringIds, date, start, ct) : outcome;
            }
        }

        foreach (var providerId in candidates)
        {
            var outcome = await BookAsync(NewBooking.ForVisit(providerId, offeringIds, start, notes, patient: patient), actor, ct);
            if (outcome is not BookingOutcome.Conflict)
                return outcome;
        }
        await using var again = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await again.Shops.Where(s => s.Id == shopId).Select(s => s.TimeZoneId).SingleAsync(ct);
        return await AnyConflictAsync(shopId, offeringIds, start.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date, start, ct);
    }

    private async Task<BookingOutcome> AnyConflictAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, LocalDate date, Instant start, CancellationToken ct)
    {
        var slots = await availability.GetAnySlotsAsync(shopId, offeringIds, date, ct);
        var nearest = slots.Select(s => s.Start).OrderBy(s => s < start ? start - s : s - start).Take(5).Order().ToList();
        return new BookingOutcome.Conflict(SlotCheck.Taken.ToError()!, nearest);
    }

    /// <summary>Moves a booking to <paramref name="newStart"/> under the same conflict rule as a new booking.</summary>
    public Task<BookingOutcome> RescheduleAsync(Guid bookingId, Instant newStart, Actor actor, CancellationToken ct = default)
    {
        Booking? target = null;
        return WriteAgendaAsync(new AgendaLock.OfBooking(bookingId), async (db, now) =>
        {
            var booking = target = await LoadOwnedAsync(db, bookingId, actor, ct);
            if (booking is null)
                return new BookingOutcome.NotFound();
            var shop = booking.Shop!;
            if (booking.CanReschedule(actor, now, shop.Policy.CancellationWindow) is { } refused)
                return new BookingOutcome.Rejected(refused);

            var date = newStart.InZone(shop.TimeZone).Date;
            var agenda = await AgendaLoader.LoadAsync(db, booking.ProviderId, booking.OfferingIds, date, date, now, booking.Id, ct);
            if (agenda is null)
                return new BookingOutcome.Rejected(new("booking.offering_not_offered", "El profesional ya no ofrece este servicio.", "ServiceId"));
            if (agenda.Unbookable is { } unbookable)
                return new BookingOutcome.Rejected(unbookable);
            var check = AvailabilityEngine.Check(agenda.Input, newStart, now, BookerOf(actor));
            if (check == SlotCheck.Taken)
                return Taken;
            if (check != SlotCheck.Available)
                return new BookingOutcome.Rejected(check.ToError()!);

            var previousStart = booking.Start;
            var previousDate = booking.LocalStartDate;
            booking.MoveTo(newStart, agenda.Visit, actor, now);
            // The time it left is free again: offered to the waitlist in this same transaction.
            await WaitlistOffers.OfferFreedAsync(db, shop.Id, booking.ProviderId, previousDate, now, ct);
            return new AgendaWrite(booking, BookingChangeKind.Updated, shop, previousStart);
        }, () => ConflictAsync(target!.ProviderId, target.OfferingIds, newStart, target.Id, ct), ct);
    }

    /// <summary>Confirms, cancels, completes or marks a no-show, as the lifecycle table allows.</summary>
    public Task<BookingOutcome> ApplyAsync(Guid bookingId, BookingAction action, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        if (action == BookingAction.Reschedule)
            throw new ArgumentException("Use RescheduleAsync.", nameof(action));
        return WriteAgendaAsync(new AgendaLock.OfBooking(bookingId), async (db, now) =>
        {
            var booking = await LoadOwnedAsync(db, bookingId, actor, ct);
            if (booking is null)
                return new BookingOutcome.NotFound();
            DomainError? refused;
            try
            {
                refused = booking.Apply(action, actor, now, booking.Shop!.Policy.CancellationWindow, reason);
            }
            catch (DomainException e)
            {
                refused = e.Error;
            }
            if (refused is not null)
                return new BookingOutcome.Rejected(refused);
            // A cancelled individual booking frees its time: offered to the waitlist in this same transaction (a seat
            // of a group session is the session's to offer).
            if (action == BookingAction.Cancel && booking.SessionId is null)
                await WaitlistOffers.OfferFreedAsync(db, booking.ShopId, booking.ProviderId, booking.LocalStartDate, now, ct);
            if (action == BookingAction.Cancel && booking.SessionId is not null)
                await Sessions.SessionService.SeatCancelledAsync(db, booking, now, ct);
            return new AgendaWrite(booking, action == BookingAction.Cancel ? BookingChangeKind.Cancelled : BookingChangeKind.Updated, booking.Shop!);
        }, () => Task.FromResult<BookingOutcome>(new BookingOutcome.Rejected(SlotCheck.Taken.ToError()!)), ct);
    }

    /// <summary>Loads a booking with its shop, provider, offering and customer, if <paramref name="actor"/> may see it.</summary>
    public async Task<Booking?> FindAsync(Guid bookingId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadOwnedAsync(db, bookingId, actor, ct, tracking: false);
    }

    /// <summary>
    /// Staff book walk-ins and move bookings at short notice, and may start one now, off the slot grid; the minimum
    /// notice and the grid bind customers (the rule itself is <see cref="AvailabilityEngine.Check"/>'s).
    /// </summary>
    internal static Booker BookerOf(Actor actor) => actor.IsStaff ? Booker.Staff : Booker.Customer;

    private static async Task<Booking?> LoadOwnedAsync(BarberProDbContext db, Guid bookingId, Actor actor, CancellationToken ct, bool tracking = true)
    {
        var query = db.Bookings
            .Include(b => b.Shop)
            .Include(b => b.Provider)
            .Include(b => b.Offering)
            .Include(b => b.Customer)
            .Include(b => b.History)
            .Include(b => b.Parts)
            // One statement: the references are one row each and a booking's history a handful, and cancel, confirm and
            // move read this under the calendar lock, where every round trip holds the other writers.
            .AsSingleQuery();
        var booking = await (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
            return null;
        return Access.CanSeeBooking(actor, booking) ? booking : null;
    }

    /// <summary>
    /// Who the booking is for: a customer books for themselves; staff name a customer of the shop
    /// (<see cref="ShopCustomers"/>: one who booked there or whom staff added) — anyone else is as unknown as an id that
    /// does not exist, so staff never learn another shop's customers.
    /// </summary>
    internal static async Task<Customer?> ResolveCustomerAsync(BarberProDbContext db, Guid shopId, NewBooking request, Actor actor, CancellationToken ct) =>
        actor.IsStaff
            ? request.CustomerId is { } id ? await ShopCustomers.FindAsync(db, shopId, id, ct) : null
            : await CustomerOfUser.For(db)(db, actor.UserId, ct);

    private static readonly CompiledPerModel<Func<BarberProDbContext, string, CancellationToken, Task<Customer?>>> CustomerOfUser = new(() =>
        EF.CompileAsyncQuery((BarberProDbContext db, string userId, CancellationToken ct) => db.Customers.SingleOrDefault(c => c.UserId == userId)));

    /// <summary>Why <see cref="ResolveCustomerAsync"/> found nobody to book for.</summary>
    internal static DomainError NoCustomer(Actor actor, Guid? customerId) =>
        !actor.IsStaff ? new("booking.customer_profile", "Completá tu perfil (nombre y teléfono) para reservar.", "CustomerId")
        : customerId is null ? new("booking.customer_required", "Indicá para qué cliente es el turno.", "CustomerId")
        : new("booking.customer_unknown", "Ese cliente no está entre los clientes del local.", "CustomerId");

    /// <summary>What one attempt of an agenda write decided: an outcome that writes nothing, or a change to commit.</summary>
    private sealed record AgendaWrite(Booking? Booking, BookingChangeKind Kind, Shop? Shop, Instant? PreviousStart = null, BookingOutcome? Outcome = null)
    {
        public static implicit operator AgendaWrite(BookingOutcome outcome) => new(null, default, null, null, outcome);
    }

    /// <summary>The slot is taken: the attempt ends without writing, and <c>whenTaken</c> computes alternatives after the transaction.</summary>
    private static readonly BookingOutcome.Conflict Taken = new(SlotCheck.Taken.ToError()!, []);

    /// <summary>
    /// Runs <paramref name="attempt"/> on <see cref="AgendaWriter"/>'s write path under <paramref name="agendaLock"/>. A
    /// "taken" answer gets its alternatives from <paramref name="whenTaken"/> once the transaction has ended; contention
    /// that outlasts the retries is <see cref="BookingOutcome.Busy"/>, a database that cannot take writes
    /// <see cref="BookingOutcome.Unavailable"/>. A committed change's outbox row commits with it; the dispatcher, woken
    /// after the commit, publishes it (docs/decisions/0007).
    /// </summary>
    private async Task<BookingOutcome> WriteAgendaAsync(AgendaLock agendaLock, Func<BarberProDbContext, Instant, Task<AgendaWrite>> attempt,
        Func<Task<BookingOutcome>> whenTaken, CancellationToken ct)
    {
        var result = await writer.RunAsync(agendaLock, async (db, now) =>
        {
            var write = await attempt(db, now);
            if (write.Outcome is not null)
                return AgendaDecision<AgendaWrite>.Stop(write);
            db.Outbox.Add(OutboxMessage.For(ChangeOf(write.Booking!, write.Kind, write.Shop!, write.PreviousStart), now));
            return AgendaDecision<AgendaWrite>.Write(write);
        }, ct);
        if (result.Fault is { } fault)
            return BookingOutcome.Of(fault);
        var done = result.Value!;
        if (ReferenceEquals(done.Outcome, Taken))
        {
            // Only a booking (locked by provider) or a move (locked by booking) answers "taken".
            metrics.Conflict(agendaLock is AgendaLock.OfBooking ? "reschedule" : "book");
            return await whenTaken();
        }
        if (done.Outcome is { } refused)
            return refused;
        return new BookingOutcome.Succeeded(done.Booking!);
    }

    /// <summary>What the outbox row of a committed change says (no personal data: listeners re-read what they may see).</summary>
    internal static BookingChange ChangeOf(Booking booking, BookingChangeKind kind, Shop shop, Instant? previousStart)
    {
        var zone = shop.TimeZone;
        var dates = new List<LocalDate> { booking.LocalStartDate };
        if (previousStart is { } previous && !dates.Contains(previous.InZone(zone).Date))
            dates.Add(previous.InZone(zone).Date);
        return new BookingChange(kind, booking.Id, booking.ShopId, booking.ProviderId, booking.Status,
            booking.Start, booking.End, previousStart, dates, booking.UpdatedAt, booking.SessionId);
    }

    private async Task<BookingOutcome> ConflictAsync(Guid providerId, IReadOnlyList<Guid> offeringIds, Instant start, Guid? excludeBookingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answer = await availability.CheckAsync(db, providerId, offeringIds, start, excludeBookingId, ct);
        return new BookingOutcome.Conflict(SlotCheck.Taken.ToError()!, answer?.Alternatives ?? []);
    }
}
