using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Waitlist;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>Everything BarberPro holds about one customer (Ley 25.326, right of access). Times are the shop's wall clock with its offset, or UTC.</summary>
public sealed record MyDataExport(DateTimeOffset ExportedAt, MyAccountData Account, IReadOnlyList<MyCustomerData> CustomerRecords,
    IReadOnlyList<MyShopRecordData> ShopRecords, IReadOnlyList<MyBookingData> Bookings, IReadOnlyList<MySeriesData> Series,
    IReadOnlyList<MyWaitlistData> WaitlistEntries, IReadOnlyList<MyNotificationData> Notifications, IReadOnlyList<MySessionData> AppSessions,
    IReadOnlyList<MyDataRightsData> DataRightsRequests);

public sealed record MyAccountData(string UserId, string FullName, string Email, bool EmailConfirmed, string? Phone, IReadOnlyList<string> Roles, bool TwoFactorEnabled);

public sealed record MyCustomerData(Guid Id, string FullName, string? Phone, string? Email, string Channels, bool RemindersOff);

/// <summary>What one shop recorded of the person that they gave it (patient details) and whether it blocks them from booking online.</summary>
public sealed record MyShopRecordData(Guid ShopId, string ShopName, DateTimeOffset Since, string? NationalId, string? HealthInsurance, bool BlockedFromOnlineBooking);

public sealed record MyBookingData(Guid Id, string ShopName, string ProviderName, string ServiceName, DateTimeOffset Start, DateTimeOffset End,
    string Status, decimal Price, string Currency, string? Notes, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, string? CancellationReason,
    bool CancelledLate, Guid? SeriesId, Guid? GroupSessionId, IReadOnlyList<MyBookingChangeData> History);

public sealed record MyBookingChangeData(DateTimeOffset At, string? From, string To, string? Action, string ByRole, string? Reason, DateTimeOffset? PreviousStart);

public sealed record MySeriesData(Guid Id, string ShopName, string Frequency, int Count, DateTimeOffset CreatedAt);

/// <summary><paramref name="Date"/> is yyyy-MM-dd, <paramref name="From"/> and <paramref name="To"/> HH:mm (the shop's wall clock).</summary>
public sealed record MyWaitlistData(Guid Id, string ShopName, string ServiceName, string Date, string? From, string? To, string Status, DateTimeOffset CreatedAt);

public sealed record MyNotificationData(string Kind, string Channel, string Recipient, string? Subject, string Body, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>A sign-in of the mobile app (a refresh token's metadata; the token itself is never stored).</summary>
public sealed record MySessionData(DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

public sealed record MyDataRightsData(string Action, DateTimeOffset At, string Summary);

/// <summary>What a deletion did, in counts only (the same text is logged as the <see cref="DataRightsRecord"/>'s summary).</summary>
public sealed record DeletionSummary(int PastBookingsAnonymized, int FutureBookingsCancelled, int WaitlistEntriesLeft, int NotificationsScrubbed,
    int ShopRecordsErased, int SessionsRevoked)
{
    public override string ToString() =>
        $"past bookings anonymized: {PastBookingsAnonymized}; future cancelled: {FutureBookingsCancelled}; waitlist left: {WaitlistEntriesLeft}; " +
        $"notifications scrubbed: {NotificationsScrubbed}; shop records erased: {ShopRecordsErased}; app sessions revoked: {SessionsRevoked}";
}

/// <summary>
/// A customer's rights under Ley 25.326 over what we hold about them: access (<see cref="ExportAsync"/>) and deletion
/// (<see cref="DeleteAccountAsync"/>). Each request is logged as a <see cref="DataRightsRecord"/> without personal data.
/// What is exported and why the shops' and professionals' own notes are not: docs/PRIVACY-NOTES.md.
/// </summary>
/// <param name="db">The request's context, the same one Identity's stores use (the account is deleted in its transaction).</param>
public sealed class DataRights(UserManager<AppUser> users, BarberProDbContext db, IDbContextFactory<BarberProDbContext> dbFactory,
    BookingService bookings, WaitlistService waitlist, IClock clock)
{
    /// <summary>The reason written on the bookings a deletion cancels (no personal data).</summary>
    public const string DeletionReason = "Cuenta eliminada";

    /// <summary>Staff accounts are closed by whoever runs the shop (their agendas and shops hang on them), not from the profile.</summary>
    public static readonly DomainError StaffCannotDelete = new("account.staff_delete",
        "Las cuentas del personal no se eliminan desde acá: pedíselo al dueño del local o a soporte.", "Password");

    /// <summary>The wrong password on a deletion: nothing changes.</summary>
    public static readonly DomainError WrongPassword = new(AccountProfile.WrongPasswordCode, "La contraseña no es correcta.", "Password");

    /// <summary>
    /// Everything we hold about the customer <paramref name="userId"/>, logged as an <see cref="DataRightsAction.Export"/>;
    /// not found when the user has no customer record.
    /// </summary>
    public async Task<Result<MyDataExport>> ExportAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        await using var read = await dbFactory.CreateDbContextAsync(ct);
        var user = await read.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        var customers = await read.Customers.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync(ct);
        if (user is null || customers.Count == 0)
            return Result<MyDataExport>.NotFound();
        var ids = customers.Select(c => c.Id).ToList();
        var roles = await (from ur in read.UserRoles join r in read.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

        var shopRecords = await (from l in read.ShopCustomers.AsNoTracking()
                                 join s in read.Shops on l.ShopId equals s.Id
                                 where ids.Contains(l.CustomerId)
                                 select new { l, s.Name, s.TimeZoneId }).ToListAsync(ct);
        var myBookings = await read.Bookings.AsNoTracking().Include(b => b.Shop).Include(b => b.Provider).Include(b => b.Offering).Include(b => b.History).Include(b => b.Parts)
            .AsSplitQuery().Where(b => ids.Contains(b.CustomerId)).ToListAsync(ct);
        var series = await (from x in read.BookingSeries.AsNoTracking()
                            join s in read.Shops on x.ShopId equals s.Id
                            where ids.Contains(x.CustomerId)
                            select new { x, s.Name, s.TimeZoneId }).ToListAsync(ct);
        var entries = await (from e in read.WaitlistEntries.AsNoTracking()
                             join s in read.Shops on e.ShopId equals s.Id
                             join o in read.Offerings on e.OfferingId equals o.Id
                             where ids.Contains(e.CustomerId)
                             select new { e, ShopName = s.Name, s.TimeZoneId, ServiceName = o.Name }).ToListAsync(ct);
        var notifications = await read.Notifications.AsNoTracking()
            .Where(n => (n.CustomerId != null && ids.Contains(n.CustomerId.Value)) || n.UserId == userId).ToListAsync(ct);
        var tokens = await read.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        var log = await read.DataRightsRecords.AsNoTracking().Where(r => ids.Contains(r.CustomerId)).ToListAsync(ct);

        var export = new MyDataExport(
            Utc(now),
            new MyAccountData(user.Id, user.FullName, user.Email ?? "", user.EmailConfirmed, user.PhoneNumber, roles.Order(StringComparer.Ordinal).ToList(), user.TwoFactorEnabled),
            customers.Select(c => new MyCustomerData(c.Id, c.FullName, c.Phone, c.Email, c.Channels.ToString(), c.RemindersOff)).ToList(),
            shopRecords.OrderBy(x => x.l.Since).Select(x => new MyShopRecordData(x.l.ShopId, x.Name, At(x.l.Since, x.TimeZoneId), x.l.NationalId, x.l.HealthInsurance,
                x.l.BlockedOnlineAt is not null)).ToList(),
            myBookings.OrderByDescending(b => b.Start).Select(b => new MyBookingData(b.Id, b.Shop!.Name, b.Provider!.DisplayName, b.ServiceName,
                At(b.Start, b.Shop.TimeZoneId), At(b.End, b.Shop.TimeZoneId), b.Status.ToString(), b.Price, b.Currency, b.Notes, At(b.CreatedAt, b.Shop.TimeZoneId),
                b.CancelledAt is { } c ? At(c, b.Shop.TimeZoneId) : null, b.CancellationReason, b.CancelledLate, b.SeriesId, b.SessionId,
                b.History.OrderBy(h => h.At).Select(h => new MyBookingChangeData(At(h.At, b.Shop.TimeZoneId), h.FromStatus?.ToString(), h.ToStatus.ToString(),
                    h.Action?.ToString(), h.ByRole.ToString(), h.Reason, h.PreviousStart is { } p ? At(p, b.Shop.TimeZoneId) : null)).ToList())).ToList(),
            series.OrderBy(x => x.x.CreatedAt).Select(x => new MySeriesData(x.x.Id, x.Name, x.x.Frequency.ToString(), x.x.PatternCount, At(x.x.CreatedAt, x.TimeZoneId))).ToList(),
            entries.OrderByDescending(x => x.e.CreatedAt).Select(x => new MyWaitlistData(x.e.Id, x.ShopName, x.ServiceName, NodaTime.Text.LocalDatePattern.Iso.Format(x.e.Date),
                x.e.From is { } from ? NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(from) : null,
                x.e.To is { } to ? NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(to) : null,
                x.e.StatusAt(now).ToString(), At(x.e.CreatedAt, x.TimeZoneId))).ToList(),
            notifications.OrderByDescending(n => n.CreatedAt).Select(n => new MyNotificationData(n.Kind.ToString(), n.Channel.ToString(), n.Recipient, n.Subject,
                n.Body, n.Status.ToString(), Utc(n.CreatedAt), n.SentAt is { } s ? Utc(s) : null)).ToList(),
            tokens.OrderByDescending(t => t.CreatedAt).Select(t => new MySessionData(Utc(t.CreatedAt), Utc(t.ExpiresAt), t.UsedAt is { } u ? Utc(u) : null,
                t.RevokedAt is { } r ? Utc(r) : null)).ToList(),
            log.OrderBy(r => r.At).Select(r => new MyDataRightsData(r.Action.ToString(), Utc(r.At), r.Summary)).ToList());

        await using var write = await dbFactory.CreateDbContextAsync(ct);
        write.DataRightsRecords.Add(new DataRightsRecord(ids[0], DataRightsAction.Export, now,
            $"bookings: {export.Bookings.Count}; shop records: {export.ShopRecords.Count}; notifications: {export.Notifications.Count}"));
        await write.SaveChangesAsync(ct);
        return Result<MyDataExport>.Ok(export);
    }

    /// <summary>
    /// Deletes the customer's account once <paramref name="password"/> is theirs. Their past bookings stay as the shop's
    /// anonymous history (the customer record becomes <see cref="Customer.ErasedName"/>, without phone or email); future
    /// bookings and group seats are cancelled through <see cref="BookingService.ApplyAsync"/> (the agenda's one write
    /// path, booking by booking: staff are told and the live agenda updates, the customer is not messaged); live
    /// waitlist entries are left; their messages are scrubbed of recipient and text (rows kept for counts); the shops'
    /// records of them erased (<see cref="ShopCustomer.ErasePersonalData"/>); app sessions revoked; the Identity user
    /// deleted; a <see cref="DataRightsAction.Deletion"/> logged with counts.
    /// <para>
    /// It cannot be done in one transaction (each cancellation takes its provider's lock in its own), so it runs in
    /// steps that are each idempotent, erasure first: if it stops half-way (busy database, crash), the account still
    /// exists, still signs in with the same password, and asking again finishes it. The account is deleted last, in one
    /// transaction with the final scrub and the log.
    /// </para>
    /// </summary>
    public async Task<Result<DeletionSummary>> DeleteAccountAsync(string userId, string? password, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Result<DeletionSummary>.NotFound();
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
            return WrongPassword;
        var roles = await users.GetRolesAsync(user);
        if (roles.Any(r => r != Roles.Customer))
            return StaffCannotDelete;

        List<Guid> ids;
        int shopRecords, scrubbed;
        // Step 1: erase what identifies them, so nothing planned from here on (a staff message about a cancellation,
        // a reminder) can carry their name or reach them.
        await using (var erase = await dbFactory.CreateDbContextAsync(ct))
        {
            (ids, shopRecords, scrubbed) = await erase.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                erase.ChangeTracker.Clear();
                await using var tx = await erase.Database.BeginTransactionAsync(ct);
                var customers = await erase.Customers.Where(c => c.UserId == userId).ToListAsync(ct);
                var customerIds = customers.Select(c => c.Id).ToList();
                foreach (var customer in customers)
                {
                    await ForgetInStaffMessagesAsync(erase, customer, ct);
                    customer.Erase();
                }
                var links = await erase.ShopCustomers.Where(l => customerIds.Contains(l.CustomerId)).ToListAsync(ct);
                foreach (var link in links)
                    link.ErasePersonalData();
                await erase.SaveChangesAsync(ct);
                await EraseWordsAsync(erase, customerIds, userId, ct);
                var count = await ScrubNotificationsAsync(erase, customerIds, userId, ct);
                await tx.CommitAsync(ct);
                return (customerIds, links.Count, count);
            }, ct);
        }

        // Step 2: future bookings and seats, and live waitlist entries, through the usual paths.
        var now = clock.GetCurrentInstant();
        List<Guid> future;
        List<Guid> live;
        int past;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            future = await read.Bookings.ThatAreActive().Where(b => ids.Contains(b.CustomerId) && b.Start > now && b.Status != BookingStatus.Completed)
                .OrderBy(b => b.Start).Select(b => b.Id).ToListAsync(ct);
            past = await read.Bookings.CountAsync(b => ids.Contains(b.CustomerId) && !future.Contains(b.Id), ct);
            live = await read.WaitlistEntries.Where(e => ids.Contains(e.CustomerId) && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
                .Select(e => e.Id).ToListAsync(ct);
        }
        var cancelled = 0;
        foreach (var bookingId in future)
        {
            // As the customer while they may cancel; inside the shop's cancellation window, where a customer may not,
            // the platform cancels on their behalf (recorded as such, and counted as a late cancellation).
            var outcome = await bookings.ApplyAsync(bookingId, BookingAction.Cancel, Actor.Customer(userId), DeletionReason, ct);
            if (outcome is BookingOutcome.Rejected)
                outcome = await bookings.ApplyAsync(bookingId, BookingAction.Cancel, Actor.Admin(userId), DeletionReason, ct);
            if (outcome is BookingOutcome.Busy or BookingOutcome.Unavailable)
                return outcome.Refusal!;
            if (outcome is BookingOutcome.Succeeded)
                cancelled++;
        }
        var left = 0;
        foreach (var entryId in live)
        {
            var result = await waitlist.LeaveAsync(entryId, Actor.Customer(userId), ct);
            if (result.Succeeded)
                left++;
            else if (result.Error is { } error && DatabaseFaults.FaultOf(error) is not null)
                return error;
        }

        // Step 3: in one transaction with Identity's store: what was planned meanwhile is scrubbed, the record is
        // unlinked, app sessions revoked, the account deleted, the request logged.
        var revoked = 0;
        var summary = new DeletionSummary(past, cancelled, left, scrubbed, shopRecords, 0);
        var failed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<DomainError?> (CancellationToken ct) =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            summary = summary with { NotificationsScrubbed = scrubbed + await ScrubNotificationsAsync(db, ids, userId, ct) };
            await EraseWordsAsync(db, ids, userId, ct);
            foreach (var customer in await db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync(ct))
            {
                customer.Erase();
                customer.UnlinkUser();
            }
            revoked = await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.BookingRequestKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(ct);
            summary = summary with { SessionsRevoked = revoked };
            foreach (var id in ids)
                db.DataRightsRecords.Add(new DataRightsRecord(id, DataRightsAction.Deletion, clock.GetCurrentInstant(), summary.ToString()));
            await db.SaveChangesAsync(ct);
            var tracked = await users.FindByIdAsync(userId);
            if (tracked is not null)
            {
                var deleted = await users.DeleteAsync(tracked);
                if (!deleted.Succeeded)
                    return new DomainError("account.delete_failed", "No pudimos eliminar la cuenta. Probá de nuevo en un momento.");
            }
            await tx.CommitAsync(ct);
            return null;
        }, ct);
        return failed is null ? Result<DeletionSummary>.Ok(summary) : failed;
    }

    /// <summary>
    /// The customer's own words on their bookings (notes, cancellation reasons, history reasons they wrote) and the
    /// professionals' private notes on those bookings: free text that may name them.
    /// </summary>
    private static async Task EraseWordsAsync(BarberProDbContext db, List<Guid> customerIds, string userId, CancellationToken ct)
    {
        var theirs = db.Bookings.Where(b => customerIds.Contains(b.CustomerId));
        await theirs.Where(b => b.Notes != null).ExecuteUpdateAsync(s => s.SetProperty(b => b.Notes, (string?)null), ct);
        await theirs.Where(b => b.CancellationReason != null && b.CancellationReason != DeletionReason)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.CancellationReason, (string?)null), ct);
        await db.BookingHistory.Where(h => theirs.Any(b => b.Id == h.BookingId) && h.Reason != null && h.Reason != DeletionReason)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Reason, (string?)null), ct);
        await db.BookingPrivateNotes.Where(n => theirs.Any(b => b.Id == n.BookingId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The messages to staff about the customer's bookings are the staff's: they stay (and go out), but the customer's
    /// name, phone and email in them become <see cref="Customer.ErasedName"/>. Runs before the record is erased, while
    /// those are known; what is planned afterwards only knows the erased name.
    /// </summary>
    private static async Task ForgetInStaffMessagesAsync(BarberProDbContext db, Customer customer, CancellationToken ct)
    {
        var staff = db.Notifications.Where(n => n.CustomerId == customer.Id && n.Kind == NotificationKind.StaffAgendaChanged);
        foreach (var text in new[] { customer.FullName, customer.Phone, customer.Email, FirstName(customer.FullName) }.Where(t => t is { Length: >= 2 }).Distinct())
        {
            await staff.Where(n => n.Body.Contains(text!)).ExecuteUpdateAsync(s => s.SetProperty(n => n.Body, n => n.Body.Replace(text!, Customer.ErasedName)), ct);
            await staff.Where(n => n.Subject != null && n.Subject.Contains(text!))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Subject, n => n.Subject!.Replace(text!, Customer.ErasedName)), ct);
        }
    }

    private static string FirstName(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? fullName;

    /// <summary>
    /// The messages addressed to them (booking messages, account emails) keep kind, channel, status and times (the shop's
    /// counts) but lose recipient, text and parameters; unsent ones are cancelled.
    /// </summary>
    private static Task<int> ScrubNotificationsAsync(BarberProDbContext db, List<Guid> customerIds, string userId, CancellationToken ct) =>
        db.Notifications
            .Where(n => ((n.CustomerId != null && customerIds.Contains(n.CustomerId.Value) && n.Kind != NotificationKind.StaffAgendaChanged) || n.UserId == userId)
                && n.Recipient != "")
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Recipient, "")
                .SetProperty(n => n.Subject, (string?)null)
                .SetProperty(n => n.Body, "")
                .SetProperty(n => n.Parameters, (string?)null)
                .SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.UserId, (string?)null)
                .SetProperty(n => n.Status, n => n.Status == NotificationStatus.Due ? NotificationStatus.Cancelled : n.Status), ct);

    private static DateTimeOffset Utc(Instant at) => at.ToDateTimeOffset();

    private static DateTimeOffset At(Instant at, string timeZoneId) =>
        at.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc).ToDateTimeOffset();
}
