using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Notifications;

/// <summary>
/// Turns agenda changes into messages: tails the agenda outbox by its <see cref="ConsumerCursor"/> ("notifications") and,
/// for each row, writes the <see cref="Notification"/> rows it implies in one SaveChanges with the cursor's move, so a
/// crash re-plans nothing twice. Each message has a unique <see cref="Notification.Key"/>: planning again (rows past a
/// gap the cursor waits at, two planners at once) inserts nothing new. What is planned is read from the booking's
/// current state, so a row replayed after later changes plans what still applies.
/// <list type="bullet">
/// <item>BookingCreated: the customer's confirmation on each of their channels (one <see cref="NotificationKind.SeriesCreated"/>
/// per series instead), and reminders at start − <see cref="BookingPolicy.FirstReminderHours"/> and
/// − <see cref="BookingPolicy.SecondReminderHours"/> (none when 0, already past, or the customer turned them off).</item>
/// <item>BookingMoved: the old start's due reminders are cancelled, the new start's planned (those cancelled earlier for
/// that start come back: moved away and back); the customer is told of each move staff made.</item>
/// <item>BookingCancelled: its due reminders are cancelled; the customer is told (with the reason) when the shop cancelled
/// (<see cref="NotificationKind.SessionCancelled"/> for a seat of a cancelled session).</item>
/// <item>WaitlistOffered: the entry's customer, with the hold's deadline.</item>
/// <item>A customer's own booking, move or cancellation: one <see cref="NotificationKind.StaffAgendaChanged"/> email to the
/// barber who opted in (<see cref="Provider.NotifyAgendaChanges"/>), held until the end of their quiet hours.</item>
/// </list>
/// </summary>
public sealed class NotificationPlanner(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, NotificationTemplates templates, NotificationOptions options)
{
    public const string CursorName = "notifications";

    private static readonly NotificationChannel[] Channels = [NotificationChannel.WhatsApp, NotificationChannel.Sms, NotificationChannel.Email];

    /// <summary>
    /// Plans messages for every agenda change not yet handled; returns how many messages it added. It reads every row
    /// after its cursor and plans each (planning is idempotent), but moves the cursor only over settled sequences: a run
    /// of consecutive ones, or a gap whose next row is older than <see cref="NotificationOptions.GapWaitSeconds"/> (on
    /// PostgreSQL and SQL Server a smaller sequence can commit after a larger one; a gap that old was rolled back). A row
    /// committed late behind a larger one is therefore read on a later pass, however long the planner was away.
    /// </summary>
    public async Task<int> PlanAsync(CancellationToken ct = default)
    {
        var added = 0;
        long? readAfter = null;
        long expected = 0;
        var settled = true;
        while (true)
        {
            List<OutboxMessage> rows;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (readAfter is null)
                {
                    readAfter = (await db.ConsumerCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Name == CursorName, ct))?.Sequence ?? 0;
                    expected = readAfter.Value + 1;
                }
                var after = readAfter.Value;
                rows = await db.Outbox.AsNoTracking()
                    .Where(m => m.Sequence > after)
                    .OrderBy(m => m.Sequence)
                    .Take(options.PlanBatchSize)
                    .ToListAsync(ct);
            }
            var gapsSettleBefore = clock.GetCurrentInstant() - Duration.FromSeconds(options.GapWaitSeconds);
            foreach (var row in rows)
            {
                // Past a gap still young, the cursor waits: the missing sequence may yet commit.
                settled = settled && (row.Sequence == expected || row.OccurredAt < gapsSettleBefore);
                if (settled)
                    expected = row.Sequence + 1;
                added += await PlanRowAsync(row, moveCursor: settled, ct);
            }
            if (rows.Count < options.PlanBatchSize)
                return added;
            readAfter = rows[^1].Sequence;
        }
    }

    /// <summary>One outbox row: its messages and (when settled) the cursor's move in one SaveChanges; a key that exists already is done.</summary>
    private async Task<int> PlanRowAsync(OutboxMessage row, bool moveCursor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetCurrentInstant();
            var planned = new List<Notification>();
            await PlanAsync(db, row, now, planned, ct);

            var keys = planned.Select(n => n.Key).ToList();
            var existing = keys.Count == 0 ? [] : await db.Notifications.Where(n => keys.Contains(n.Key)).ToListAsync(ct);
            var fresh = planned.Where(n => existing.All(e => e.Key != n.Key)).DistinctBy(n => n.Key).ToList();
            db.Notifications.AddRange(fresh);
            // A reminder cancelled when its booking moved away applies again once the booking is back at that time.
            foreach (var again in planned.Where(n => n.Kind == NotificationKind.Reminder))
                existing.SingleOrDefault(e => e.Key == again.Key && e.Status == NotificationStatus.Cancelled)?.PlanAgain(again, now);

            if (moveCursor)
            {
                var stored = await db.ConsumerCursors.SingleOrDefaultAsync(c => c.Name == CursorName, ct);
                if (stored is null)
                    db.ConsumerCursors.Add(stored = new ConsumerCursor(CursorName));
                stored.MoveTo(row.Sequence);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return fresh.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another planner inserted one of these keys (or the cursor row) first: read again, and what exists is done.
            }
        }
    }

    private async Task PlanAsync(BarberProDbContext db, OutboxMessage row, Instant now, List<Notification> planned, CancellationToken ct)
    {
        switch (row.Type)
        {
            case OutboxEventType.BookingCreated:
            case OutboxEventType.BookingMoved:
            case OutboxEventType.BookingCancelled:
                if (row.BookingId is { } bookingId && await LoadBookingAsync(db, bookingId, ct) is { } booking)
                    await PlanBookingAsync(db, row, booking, now, planned, ct);
                break;
            case OutboxEventType.WaitlistOffered:
                if (row.WaitlistEntryId is { } entryId)
                    await PlanOfferAsync(db, entryId, now, planned, ct);
                break;
        }
    }

    private static Task<Booking?> LoadBookingAsync(BarberProDbContext db, Guid bookingId, CancellationToken ct) =>
        db.Bookings
            .Include(b => b.Shop).Include(b => b.Provider).Include(b => b.Offering).Include(b => b.Customer).Include(b => b.Parts)
            .SingleOrDefaultAsync(b => b.Id == bookingId, ct);

    private async Task PlanBookingAsync(BarberProDbContext db, OutboxMessage row, Booking booking, Instant now, List<Notification> planned, CancellationToken ct)
    {
        var shop = booking.Shop!;
        var customer = booking.Customer!;
        var history = await db.BookingHistory.AsNoTracking().Where(h => h.BookingId == booking.Id).OrderBy(h => h.At).ToListAsync(ct);
        var open = booking.Status.IsOpen();

        // Reminders that no longer apply: every due one of a closed booking, those of an earlier start of an open one.
        // Cancelled by one conditional UPDATE (still due), so a reminder a sender recorded as sent meanwhile stays sent.
        var start = booking.Start;
        await db.Notifications
            .Where(n => n.BookingId == booking.Id && n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Due
                && (!open || n.BookingStart != start))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Cancelled), ct);

        switch (row.Type)
        {
            case OutboxEventType.BookingCreated when open && booking.Start > now:
                if (booking.SeriesId is { } seriesId)
                    await PlanSeriesAsync(db, booking, seriesId, now, planned, ct);
                else
                    ForCustomer(planned, customer, shop, NotificationKind.BookingConfirmed, c => $"confirm:{booking.Id}:{c}", Facts(booking), now, booking);
                break;
            case OutboxEventType.BookingMoved when open && booking.Start > now:
                var move = history.LastOrDefault(h => h.Action == BookingAction.Reschedule);
                if (move is not null && move.ByRole != ActorRole.Customer)
                {
                    var previous = move.PreviousStart ?? row.PreviousStart;
                    ForCustomer(planned, customer, shop, NotificationKind.BookingMoved, c => $"moved:{booking.Id}:{move.Id:N}:{c}",
                        Facts(booking) with { PreviousWhen = previous?.InZone(shop.TimeZone).LocalDateTime }, now, booking);
                }
                break;
            case OutboxEventType.BookingCancelled when booking.Status == BookingStatus.Cancelled:
                var cancel = history.LastOrDefault(h => h.Action == BookingAction.Cancel);
                if (cancel is not null && cancel.ByRole != ActorRole.Customer && booking.Start > now)
                {
                    var sessionCancelled = booking.SessionId is { } sessionId
                        && await db.GroupSessions.AnyAsync(s => s.Id == sessionId && s.Status == GroupSessionStatus.Cancelled, ct);
                    ForCustomer(planned, customer, shop, sessionCancelled ? NotificationKind.SessionCancelled : NotificationKind.BookingCancelled,
                        c => $"cancelled:{booking.Id}:{c}", Facts(booking) with { Reason = booking.CancellationReason ?? cancel.Reason }, now, booking);
                }
                break;
        }

        if (open)
            PlanReminders(booking, now, planned);

        // The barber hears of what a customer did in their agenda, if they asked to.
        var by = row.Type switch
        {
            OutboxEventType.BookingCreated => history.FirstOrDefault(h => h.Action == null),
            OutboxEventType.BookingMoved => history.LastOrDefault(h => h.Action == BookingAction.Reschedule),
            _ => history.LastOrDefault(h => h.Action == BookingAction.Cancel),
        };
        if (by is { ByRole: ActorRole.Customer } && booking.Provider is { NotifyAgendaChanges: true, UserId: { } providerUserId } provider
            && booking.Start > now && row.Type is OutboxEventType.BookingCreated or OutboxEventType.BookingMoved or OutboxEventType.BookingCancelled
            && ChangeOf(row.Type) is var change
            && await db.Users.AsNoTracking().Where(u => u.Id == providerUserId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { Length: > 0 } email)
        {
            var content = templates.Render(NotificationKind.StaffAgendaChanged, Facts(booking) with { Change = change, CustomerName = customer.FullName });
            planned.Add(new Notification($"staff:{row.Sequence}:{booking.Id}", NotificationKind.StaffAgendaChanged, NotificationChannel.Email,
                email, Clip(content.Subject, Notification.MaxSubjectLength), Clip(content.Text, Notification.MaxBodyLength),
                AfterQuietHours(provider, shop, now), now, shop.Id, booking.Id, customer.Id, providerUserId, booking.Start));
        }
    }

    private static string ChangeOf(OutboxEventType type) => type switch
    {
        OutboxEventType.BookingCreated => "reservó",
        OutboxEventType.BookingMoved => "movió",
        _ => "canceló",
    };

    private void PlanReminders(Booking booking, Instant now, List<Notification> planned)
    {
        var customer = booking.Customer!;
        var policy = booking.Shop!.Policy;
        foreach (var hours in new[] { policy.FirstReminderHours, policy.SecondReminderHours }.Where(h => h > 0).Distinct())
        {
            var due = booking.Start - Duration.FromHours(hours);
            if (due <= now)
                continue;
            ForCustomer(planned, customer, booking.Shop!, NotificationKind.Reminder,
                c => $"reminder:{booking.Id}:{booking.Start.ToUnixTimeTicks()}:{hours}:{c}", Facts(booking), now, booking, due);
        }
    }

    private async Task PlanSeriesAsync(BarberProDbContext db, Booking booking, Guid seriesId, Instant now, List<Notification> planned, CancellationToken ct)
    {
        var zone = booking.Shop!.TimeZone;
        var starts = await db.Bookings.AsNoTracking().Where(b => b.SeriesId == seriesId).ThatAreOpen()
            .OrderBy(b => b.Start).Select(b => b.Start).ToListAsync(ct);
        var facts = Facts(booking) with { Dates = [.. starts.Select(s => s.InZone(zone).LocalDateTime)], BookingId = null, Price = null };
        ForCustomer(planned, booking.Customer!, booking.Shop!, NotificationKind.SeriesCreated, c => $"series:{seriesId}:{c}", facts, now, booking: null,
            bookingId: null);
    }

    private async Task PlanOfferAsync(BarberProDbContext db, Guid entryId, Instant now, List<Notification> planned, CancellationToken ct)
    {
        var entry = await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is not { OfferStart: { } start, OfferedAt: { } offeredAt } || !entry.HoldsAt(now))
            return;
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == entry.ShopId, ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == entry.CustomerId, ct);
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == entry.OfferingId, ct);
        var providerId = entry.OfferProviderId ?? entry.ProviderId;
        var provider = providerId is null ? null : await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct);
        var facts = new MessageFacts
        {
            Vertical = shop.Vertical, ShopName = shop.Name, ShopAddress = shop.Address, ShopPhone = shop.Phone,
            CustomerName = FirstName(customer.FullName), ProviderName = provider?.DisplayName ?? "", ServiceName = offering?.Name ?? "",
            When = start.InZone(shop.TimeZone).LocalDateTime, Deadline = entry.OfferExpiresAt?.InZone(shop.TimeZone).LocalDateTime,
        };
        ForCustomer(planned, customer, shop, NotificationKind.WaitlistOffered, c => $"offer:{entry.Id}:{offeredAt.ToUnixTimeTicks()}:{c}", facts, now,
            booking: null, bookingId: null);
    }

    /// <summary>One message per channel the customer chose and can be reached on; a walk-in without contact gets none.</summary>
    private void ForCustomer(List<Notification> planned, Customer customer, Shop shop, NotificationKind kind, Func<string, string> key,
        MessageFacts facts, Instant now, Booking? booking, Instant? dueAt = null, Guid? bookingId = null)
    {
        var content = templates.Render(kind, facts);
        foreach (var channel in Channels)
        {
            if (!MessagePreferences.Allows(customer.Channels, customer.RemindersOff, kind, channel) || RecipientOf(customer, channel) is not { } recipient)
                continue;
            planned.Add(new Notification(key(channel.ToString().ToLowerInvariant()), kind, channel, recipient,
                Clip(content.Subject, Notification.MaxSubjectLength), Clip(content.Text, Notification.MaxBodyLength), dueAt ?? now, now,
                shop.Id, booking?.Id ?? bookingId, customer.Id, customer.UserId, booking?.Start,
                channel == NotificationChannel.WhatsApp ? content.Template : null,
                channel == NotificationChannel.WhatsApp ? Clip(content.Parameters, Notification.MaxParametersLength) : null));
        }
    }

    /// <summary>Where <paramref name="channel"/> reaches the customer (their phone or email), or null when they left none.</summary>
    private static string? RecipientOf(Customer customer, NotificationChannel channel) =>
        (channel == NotificationChannel.Email ? customer.Email : customer.Phone) is { Length: > 0 } recipient ? recipient : null;

    /// <summary><paramref name="now"/>, or the end of the barber's quiet hours when <paramref name="now"/> falls inside them (which may span midnight).</summary>
    public static Instant AfterQuietHours(Provider provider, Shop shop, Instant now)
    {
        if (provider is not { QuietFrom: { } from, QuietTo: { } to })
            return now;
        var local = now.InZone(shop.TimeZone).LocalDateTime;
        var time = local.TimeOfDay;
        var inside = from < to ? time >= from && time < to : time >= from || time < to;
        if (!inside)
            return now;
        var endDate = from < to || time < to ? local.Date : local.Date.PlusDays(1);
        return Common.ShopTime.ToInstant(endDate.At(to), shop.TimeZone);
    }

    private static MessageFacts Facts(Booking booking) => new()
    {
        Vertical = booking.Shop!.Vertical,
        ShopName = booking.Shop.Name,
        ShopAddress = booking.Shop.Address,
        ShopPhone = booking.Shop.Phone,
        CustomerName = FirstName(booking.Customer!.FullName),
        ProviderName = booking.Provider?.DisplayName ?? "",
        ServiceName = booking.ServiceName,
        When = booking.Start.InZone(booking.Shop.TimeZone).LocalDateTime,
        Price = booking.Price,
        BookingId = booking.Id,
    };

    private static string FirstName(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? fullName;

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
