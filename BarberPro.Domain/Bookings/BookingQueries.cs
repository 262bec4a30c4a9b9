using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>Where a list of bookings goes on: after the booking with this start and id (the list's order).</summary>
public readonly record struct BookingCursor(Instant Start, Guid Id)
{
    /// <summary>An opaque token for a URL (base64url of the start's ticks and the id).</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Start.ToUnixTimeTicks()}:{Id:N}")));

    /// <summary>Reads <see cref="ToToken"/>; false for anything else.</summary>
    public static bool TryParse(string? token, out BookingCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return false;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':');
            if (colon < 1 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                || !Guid.TryParseExact(text.AsSpan(colon + 1), "N", out var id))
                return false;
            cursor = new BookingCursor(Instant.FromUnixTimeTicks(ticks), id);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}

/// <summary>One page of a booking list, and where the next one starts (null when nothing remains).</summary>
public sealed record BookingPage(IReadOnlyList<Booking> Items, BookingCursor? Next);

/// <summary>
/// Lists of bookings, scoped by the rule <see cref="Access.CanSeeBooking"/> applies to one booking: a customer sees their
/// own, a provider their agenda, an owner their shops', an admin all.
/// <para>
/// Each scope is its own range seek — the user's customer ids on (CustomerId, Start), provider ids on (ProviderId, Start),
/// shop ids on (ShopId, Start); one scope is read directly, several are joined with UNION ALL into the set of ids the
/// page is read from by primary key, so the work grows with the bookings in the window, not with the history (an OR of scopes made the database walk every
/// booking in the window of every shop, or all of them). The plans are asserted in BookingListPlanTests and written in
/// docs/API.md. Admins see all bookings: their list is a plain range on Start.
/// </para>
/// </summary>
public sealed class BookingQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public const int MaxResults = 500;

    /// <summary>
    /// The first <see cref="MaxResults"/> bookings starting in <paramref name="range"/> that any of <paramref name="actors"/>
    /// may see, in start order (<see cref="ListPageAsync"/> for the rest).
    /// </summary>
    public async Task<IReadOnlyList<Booking>> ListAsync(IReadOnlyCollection<Actor> actors, Interval range, BookingStatus? status = null, CancellationToken ct = default) =>
        (await ListPageAsync(actors, range, status, null, MaxResults, ct)).Items;

    /// <summary>
    /// The bookings starting in <paramref name="range"/> that any of <paramref name="actors"/> (one user, each of their
    /// roles) may see, in (start, id) order, after <paramref name="after"/> when given, at most <paramref name="limit"/>
    /// (1 to <see cref="MaxResults"/>); with shop, provider, offering and customer. <see cref="BookingPage.Next"/> is set
    /// when more remain.
    /// </summary>
    public async Task<BookingPage> ListPageAsync(IReadOnlyCollection<Actor> actors, Interval range, BookingStatus? status, BookingCursor? after,
        int limit = MaxResults, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxResults);
        if (actors.Count == 0)
            return new BookingPage([], null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scopes = await ScopesAsync(db, actors, range, after, ct);
        // One scope (a customer, a provider, an owner of one shop): the range seek itself, read with its joins. Several:
        // the UNION ALL of each scope's ids, and the page read from them by primary key.
        if (scopes.Count == 0)
            return new BookingPage([], null);
        var visible = scopes[0];
        if (scopes.Count > 1)
        {
            var ids = scopes.Select(q => q.Select(b => b.Id)).Aggregate((all, next) => all.Concat(next));
            visible = db.Bookings.Where(b => ids.Contains(b.Id));
        }

        var query = visible.AsNoTracking()
            .Include(b => b.Shop)
            .Include(b => b.Provider)
            .Include(b => b.Offering)
            .Include(b => b.Customer)
            .Include(b => b.Parts)
            .AsQueryable();
        if (status is { } s)
            query = query.Where(b => b.Status == s);
        var found = await query.OrderBy(b => b.Start).ThenBy(b => b.Id).Take(limit + 1).ToListAsync(ct);
        if (found.Count <= limit)
            return new BookingPage(found, null);
        found.RemoveAt(limit);
        return new BookingPage(found, new BookingCursor(found[^1].Start, found[^1].Id));
    }

    /// <summary>
    /// The bookings in the window (after the cursor) that each scope of <paramref name="actors"/> may see, one query per
    /// scope, each a range seek on its index; none when the user has no scope (nothing to see).
    /// </summary>
    internal static async Task<List<IQueryable<Booking>>> ScopesAsync(BarberProDbContext db, IReadOnlyCollection<Actor> actors, Interval range,
        BookingCursor? after, CancellationToken ct)
    {
        var userId = actors.First().UserId;
        if (actors.Any(a => a.UserId != userId))
            throw new ArgumentException("All actors must be the same user.", nameof(actors));
        var from = range.Start;
        var to = range.End;
        var window = db.Bookings.Where(b => b.Start >= from && b.Start < to);
        if (after is { } cursor)
        {
            var afterStart = cursor.Start;
            var afterId = cursor.Id;
            // Start >= afterStart keeps the seek's lower bound; the OR only filters the rows at that very start.
            window = window.Where(b => b.Start >= afterStart && (b.Start > afterStart || b.Id.CompareTo(afterId) > 0));
        }
        if (actors.Any(a => a.Role == ActorRole.Admin))
            return [window];

        var scopes = new List<IQueryable<Booking>>();
        if (actors.Any(a => a.Role == ActorRole.Customer))
            foreach (var id in await db.Customers.Where(c => c.UserId == userId).Select(c => c.Id).ToListAsync(ct))
                scopes.Add(window.Where(b => b.CustomerId == id));
        if (actors.Any(a => a.Role == ActorRole.Provider))
            foreach (var id in await db.Providers.Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync(ct))
                scopes.Add(window.Where(b => b.ProviderId == id));
        if (actors.Any(a => a.Role == ActorRole.Owner))
            foreach (var id in await db.Shops.Where(x => x.OwnerUserId == userId).Select(x => x.Id).ToListAsync(ct))
                scopes.Add(window.Where(b => b.ShopId == id));
        return scopes;
    }
}
