using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Customers;

/// <summary>A shop whose client book the actor may open; its vertical names its clients (pacientes in a practice).</summary>
public sealed record ClientBookShop(Guid Id, string Name, DateTimeZone Zone, Shops.Vertical Vertical = Shops.Vertical.Barber);

/// <summary>
/// What the book asks: the shop, an optional search (a name, or a phone as people type it) and the 1-based page of
/// <paramref name="PageSize"/> clients.
/// </summary>
public sealed record ClientQuery(Guid ShopId, string? Search = null, int Page = 1, int PageSize = ClientBook.DefaultPageSize);

/// <summary>
/// One client of a shop as its book shows them. <see cref="Visits"/>, <see cref="LastVisit"/> and <see cref="Spent"/>
/// count completed bookings at this shop (their price snapshots); <see cref="NextVisit"/> is the earliest pending or
/// confirmed booking still ahead; <see cref="NoShows"/> and <see cref="LateCancellations"/> (<see cref="Booking.CancelledLate"/>)
/// are this shop's too. <see cref="Notes"/> are the shop's private notes.
/// </summary>
public sealed record ClientSummary(Guid CustomerId, string Name, string? Phone, string? Email, bool HasAccount, Instant Since,
    int Visits, Instant? LastVisit, Instant? NextVisit, decimal Spent, int NoShows, int LateCancellations, string? Notes, Instant? BlockedOnlineAt)
{
    public bool BlockedOnline => BlockedOnlineAt is not null;
}

/// <summary>A page of a shop's client book, most recent visit first (never-visited last), and how many clients match in all.</summary>
public sealed record ClientPage(ClientBookShop Shop, string? Search, IReadOnlyList<ClientSummary> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>One booking of the client at the shop, newest first.</summary>
public sealed record ClientVisit(Guid BookingId, Instant Start, string Service, string Provider, BookingStatus Status, decimal Price, bool CancelledLate);

/// <summary>A client with their history at the shop (at most <see cref="ClientBook.HistoryLimit"/> bookings, newest first, of <see cref="HistoryTotal"/>).</summary>
public sealed record ClientDetail(ClientBookShop Shop, ClientSummary Client, IReadOnlyList<ClientVisit> History, int HistoryTotal);

/// <summary>
/// The shop's client book (issue 16): who its clients are (<see cref="ShopCustomers"/>), what they did there, the shop's
/// private notes, the online block, and merging two entries of the one person. Who may: the shop's staff
/// (<see cref="ShopCustomers.IsStaffOfAsync"/>: admins, its owner, its barbers); a customer is refused
/// (<see cref="StaffOnly"/>); staff of another shop, a client of another shop and an id that does not exist are all
/// "not found". Per shop, never across shops: every figure counts this shop's bookings only.
/// </summary>
public sealed class ClientBook(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    /// <summary>Far beyond any shop's book, and small enough that the rows skipped fit an int.</summary>
    public const int MaxPage = 100_000;
    public const int MaxSearchLength = 80;
    public const int HistoryLimit = 100;

    /// <summary>A search with at least this many digits (and no letters) also looks among phones.</summary>
    private const int MinPhoneDigits = 4;

    /// <summary>Customers have no book: only the shop's staff.</summary>
    public static readonly DomainError StaffOnly = new("client.staff_only", "El fichero de clientes es solo para el personal del local.");

    /// <summary>Two entries that both have an account are two people's (or one person's two accounts): never merged.</summary>
    public static readonly DomainError TwoAccounts = new("client.merge_two_accounts",
        "No se pueden unir dos clientes que tienen cuenta propia: solo se une un cliente cargado por el local con la cuenta de esa persona.", "MergeFromId");

    public static readonly DomainError SameClient = new("client.merge_same", "Elegí otro cliente: no se puede unir un cliente consigo mismo.", "MergeFromId");

    /// <summary>The shops whose book <paramref name="actor"/> may open, by name; none for a customer.</summary>
    public async Task<IReadOnlyList<ClientBookShop>> ShopsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shops = actor.Role switch
        {
            ActorRole.Admin => db.Shops,
            ActorRole.Owner => db.Shops.Where(s => s.OwnerUserId == actor.UserId),
            ActorRole.Provider => db.Shops.Where(s => db.Providers.Any(p => p.ShopId == s.Id && p.UserId == actor.UserId)),
            _ => db.Shops.Where(_ => false),
        };
        var rows = await shops.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.TimeZoneId, s.Vertical }).ToListAsync(ct);
        return rows.Select(s => new ClientBookShop(s.Id, s.Name, Zone(s.TimeZoneId), s.Vertical)).ToList();
    }

    /// <summary>
    /// A page of the shop's clients. The search finds names containing it (any case) and, when it is a phone typed any
    /// way ("11 2345-6789", "+54 9 11 2345 6789", "2345 6789", "011 15-2345-6789"), phones containing its digits.
    /// </summary>
    public async Task<Result<ClientPage>> ListAsync(ClientQuery query, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        var search = PlainText.Name(query.Search);
        if (search.Length > MaxSearchLength)
            return new DomainError("client.search", $"La búsqueda puede tener hasta {MaxSearchLength} caracteres.", "Q");
        if (query.Page is < 1 or > MaxPage)
            return new DomainError("client.page", $"La página tiene que ser de 1 a {MaxPage}.", "Page");
        if (query.PageSize is < 1 or > MaxPageSize)
            return new DomainError("client.page_size", $"Se muestran de 1 a {MaxPageSize} clientes por página.", "Limit");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ShopOfAsync(db, query.ShopId, actor, ct) is not { } shop)
            return Result<ClientPage>.NotFound();
        var rows = Matching(Rows(db, shop.Id, clock.GetCurrentInstant()), search);
        var total = await rows.CountAsync(ct);
        var page = await Sorted(rows).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return Result<ClientPage>.Ok(new ClientPage(shop, search.Length == 0 ? null : search, page.Select(r => r.ToSummary()).ToList(),
            query.Page, query.PageSize, total));
    }

    /// <summary>Every client of the shop in the book's order, streamed (the CSV export); not found or refused as <see cref="ListAsync"/>.</summary>
    public async Task<Result<(ClientBookShop Shop, IAsyncEnumerable<ClientSummary> Clients)>> ExportAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        ClientBookShop? shop;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            shop = await ShopOfAsync(db, shopId, actor, ct);
        if (shop is null)
            return Result<(ClientBookShop, IAsyncEnumerable<ClientSummary>)>.NotFound();
        return Result<(ClientBookShop, IAsyncEnumerable<ClientSummary>)>.Ok((shop, StreamAsync(shop.Id, ct)));
    }

    private async IAsyncEnumerable<ClientSummary> StreamAsync(Guid shopId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Sorted(Rows(db, shopId, clock.GetCurrentInstant())).AsAsyncEnumerable().WithCancellation(ct))
            yield return row.ToSummary();
    }

    /// <summary>The client with their history at the shop.</summary>
    public async Task<Result<ClientDetail>> GetAsync(Guid shopId, Guid customerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ShopOfAsync(db, shopId, actor, ct) is not { } shop)
            return Result<ClientDetail>.NotFound();
        if (await SummaryAsync(db, shopId, customerId, ct) is not { } client)
            return Result<ClientDetail>.NotFound();
        var theirs = db.Bookings.AsNoTracking().Where(b => b.ShopId == shopId && b.CustomerId == customerId);
        var rows = await theirs.OrderByDescending(b => b.Start).ThenByDescending(b => b.Id).Take(HistoryLimit)
            .Select(b => new
            {
                b.Id, b.Start, Offering = b.Offering!.Name, Parts = b.Parts.OrderBy(p => p.Position).Select(p => p.Name).ToList(),
                Provider = b.Provider!.DisplayName, b.Status, b.Price, b.CancelledLate,
            })
            .ToListAsync(ct);
        var history = rows.Select(r => new ClientVisit(r.Id, r.Start, Booking.ServiceNameOf(r.Offering, r.Parts), r.Provider, r.Status, r.Price, r.CancelledLate)).ToList();
        return Result<ClientDetail>.Ok(new ClientDetail(shop, client, history, await theirs.CountAsync(ct)));
    }

    /// <summary>The client as a <see cref="Customer"/>, for staff booking for them (the agenda's walk-in dialog).</summary>
    public async Task<Result<Customer>> CustomerAsync(Guid shopId, Guid customerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await ShopCustomers.IsStaffOfAsync(db, shopId, actor, ct))
            return Result<Customer>.NotFound();
        var customer = await ShopCustomers.FindAsync(db, shopId, customerId, ct);
        return customer is null || customer.IsErased ? Result<Customer>.NotFound() : Result<Customer>.Ok(customer);
    }

    /// <summary>Replaces the shop's notes on the client (<see cref="ShopCustomer.ChangeNotes"/>: up to 2000 characters; blank clears them).</summary>
    public Task<Result<ClientSummary>> ChangeNotesAsync(Guid shopId, Guid customerId, string? notes, Actor actor, CancellationToken ct = default) =>
        ChangeLinkAsync(shopId, customerId, actor, link => link.ChangeNotes(notes), ct);

    /// <summary>Blocks (or lets again) the client booking this shop online; staff still book for them (<see cref="ShopCustomers.AdmitOnlineAsync"/>).</summary>
    public Task<Result<ClientSummary>> SetOnlineBlockAsync(Guid shopId, Guid customerId, bool blocked, Actor actor, CancellationToken ct = default) =>
        ChangeLinkAsync(shopId, customerId, actor, link => link.BlockOnline(blocked, clock.GetCurrentInstant()), ct);

    private async Task<Result<ClientSummary>> ChangeLinkAsync(Guid shopId, Guid customerId, Actor actor, Action<ShopCustomer> change, CancellationToken ct)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await ShopCustomers.IsStaffOfAsync(db, shopId, actor, ct))
                return Result<ClientSummary>.NotFound();
            var link = await db.ShopCustomers.SingleOrDefaultAsync(l => l.ShopId == shopId && l.CustomerId == customerId, ct);
            if (link is null || await SummaryAsync(db, shopId, customerId, ct) is null)
                return Result<ClientSummary>.NotFound();
            change(link);
            await db.SaveChangesAsync(ct);
            return Result<ClientSummary>.Ok((await SummaryAsync(db, shopId, customerId, ct))!);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        catch (Exception e) when (DatabaseFaults.Classify(e) is { } fault)
        {
            return DatabaseFaults.ErrorFor(fault);
        }
    }

    /// <summary>
    /// Merges two entries of one person at this shop: the one merged away disappears from the book, and its bookings,
    /// series, waitlist entries and messages at this shop, the shop's notes on it and its patient details move to the
    /// one kept — all in one transaction, or nothing. The entry with an account is always the one kept (whichever id
    /// came first), so the person keeps seeing their bookings; two entries that both have an account are refused
    /// (<see cref="TwoAccounts"/>). The kept entry's notes come first, then the other's; its patient details win; it is
    /// blocked online if either was. The merged-away record itself is deleted when nothing else (another shop, an
    /// account) holds it. Returns the kept client.
    /// </summary>
    public async Task<Result<ClientSummary>> MergeAsync(Guid shopId, Guid customerId, Guid mergeFromId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return StaffOnly;
        if (customerId == mergeFromId)
            return SameClient;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await ShopCustomers.IsStaffOfAsync(db, shopId, actor, ct))
                return Result<ClientSummary>.NotFound();
            var outcome = await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<Result<Guid>> (CancellationToken ct) =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var links = await db.ShopCustomers.Where(l => l.ShopId == shopId && (l.CustomerId == customerId || l.CustomerId == mergeFromId)).ToListAsync(ct);
                var customers = await db.Customers.Where(c => c.Id == customerId || c.Id == mergeFromId).ToListAsync(ct);
                if (links.Count != 2 || customers.Count != 2 || customers.Any(c => c.IsErased))
                    return Result<Guid>.NotFound();
                if (customers.All(c => c.UserId is not null))
                    return TwoAccounts;
                var kept = customers.Single(c => c.Id == customerId);
                var merged = customers.Single(c => c.Id == mergeFromId);
                if (merged.UserId is not null)
                    (kept, merged) = (merged, kept);
                var keptLink = links.Single(l => l.CustomerId == kept.Id);
                var mergedLink = links.Single(l => l.CustomerId == merged.Id);
                keptLink.Absorb(mergedLink);
                db.ShopCustomers.Remove(mergedLink);
                await db.SaveChangesAsync(ct);

                var (from, to) = (merged.Id, kept.Id);
                await db.Bookings.Where(b => b.ShopId == shopId && b.CustomerId == from)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.CustomerId, to).SetProperty(b => b.Version, b => b.Version + 1), ct);
                await db.BookingSeries.Where(x => x.ShopId == shopId && x.CustomerId == from)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to), ct);
                await db.WaitlistEntries.Where(e => e.ShopId == shopId && e.CustomerId == from)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, to).SetProperty(e => e.Version, e => e.Version + 1), ct);
                await db.Notifications.Where(n => n.ShopId == shopId && n.CustomerId == from)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.CustomerId, (Guid?)to), ct);

                var heldElsewhere = merged.UserId is not null
                    || await db.ShopCustomers.AnyAsync(l => l.CustomerId == from, ct)
                    || await db.Bookings.AnyAsync(b => b.CustomerId == from, ct)
                    || await db.BookingSeries.AnyAsync(x => x.CustomerId == from, ct)
                    || await db.WaitlistEntries.AnyAsync(e => e.CustomerId == from, ct)
                    || await db.Notifications.AnyAsync(n => n.CustomerId == from, ct)
                    || await db.DataRightsRecords.AnyAsync(r => r.CustomerId == from, ct);
                if (!heldElsewhere)
                {
                    db.Customers.Remove(merged);
                    await db.SaveChangesAsync(ct);
                }
                await tx.CommitAsync(ct);
                return Result<Guid>.Ok(to);
            }, ct);
            if (!outcome.Succeeded)
                return outcome.IsNotFound ? Result<ClientSummary>.NotFound() : outcome.Error!;
            db.ChangeTracker.Clear();
            return Result<ClientSummary>.Ok((await SummaryAsync(db, shopId, outcome.Value, ct))!);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        catch (Exception e) when (DatabaseFaults.Classify(e) is { } fault)
        {
            return DatabaseFaults.ErrorFor(fault);
        }
    }

    /// <summary>The shop's time zone (Buenos Aires for a shop that does not exist): how its instants are shown.</summary>
    public async Task<DateTimeZone> ZoneOfAsync(Guid shopId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => s.TimeZoneId).SingleOrDefaultAsync(ct);
        return Zone(id ?? Shops.Shop.DefaultTimeZoneId);
    }

    private static async Task<ClientBookShop?> ShopOfAsync(BarberProDbContext db, Guid shopId, Actor actor, CancellationToken ct)
    {
        if (!await ShopCustomers.IsStaffOfAsync(db, shopId, actor, ct))
            return null;
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => new { s.Id, s.Name, s.TimeZoneId, s.Vertical }).SingleAsync(ct);
        return new ClientBookShop(shop.Id, shop.Name, Zone(shop.TimeZoneId), shop.Vertical);
    }

    private async Task<ClientSummary?> SummaryAsync(BarberProDbContext db, Guid shopId, Guid customerId, CancellationToken ct) =>
        (await Rows(db, shopId, clock.GetCurrentInstant()).Where(r => r.Id == customerId).SingleOrDefaultAsync(ct))?.ToSummary();

    private static DateTimeZone Zone(string timeZoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;

    /// <summary>The accented letters Spanish names carry, and what a search typed without them has instead (Ñ only lower-cased: ñ is a letter of its own).</summary>
    private static readonly (string Accented, string Plain)[] Accents =
    [
        ("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ü", "u"),
        ("Á", "a"), ("É", "e"), ("Í", "i"), ("Ó", "o"), ("Ú", "u"), ("Ü", "u"), ("Ñ", "ñ"),
    ];

    /// <summary>
    /// The name lower-cased and without accents, as SQL every database runs (SQLite's LOWER knows only ASCII, so the
    /// capital accented vowels are replaced too): "Martín Gómez" is found by "martin gomez". The letters go as
    /// parameters {4}, {5}… (no N'' literals, which SQLite does not read).
    /// </summary>
    private static readonly string FoldedName = Accents.Select((_, i) => i).Aggregate("LOWER(c.\"FullName\")",
        (sql, i) => $"REPLACE({sql}, {{{4 + 2 * i}}}, {{{5 + 2 * i}}})");

    /// <summary>What <see cref="FoldedName"/> does, for the search typed.</summary>
    private static string Fold(string text) =>
        Accents.Aggregate(text.ToLowerInvariant(), (folded, a) => folded.Replace(a.Accented, a.Plain, StringComparison.Ordinal));

    private static readonly string OpenStatuses =
        string.Join(", ", Enum.GetValues<BookingStatus>().Where(s => s.IsOpen()).Select(s => $"'{s}'"));

    /// <summary>
    /// The shop's clients with their figures: one GROUP BY over the shop's bookings joined to its customer links, as a
    /// query EF composes the search, the order and the page onto (so each database gets its own paging syntax).
    /// Customers who deleted their account (<see cref="Customer.IsErased"/>) are only anonymous history: not in the book.
    /// </summary>
    private static IQueryable<ClientRow> Rows(BarberProDbContext db, Guid shopId, Instant now)
    {
        var sql = $$"""
            SELECT c."Id" AS "Id", c."FullName" AS "Name", {{FoldedName}} AS "SearchName", c."Phone" AS "Phone", c."Email" AS "Email",
                CAST(CASE WHEN c."UserId" IS NULL THEN 0 ELSE 1 END AS BIGINT) AS "HasAccount",
                l."Since" AS "Since", l."Notes" AS "Notes", l."BlockedOnlineAt" AS "BlockedOnlineAt",
                CAST(COALESCE(s."Visits", 0) AS BIGINT) AS "Visits", s."LastVisit" AS "LastVisit", s."NextVisit" AS "NextVisit",
                CAST(COALESCE(s."Centavos", 0) AS BIGINT) AS "Centavos", CAST(COALESCE(s."NoShows", 0) AS BIGINT) AS "NoShows",
                CAST(COALESCE(s."LateCancellations", 0) AS BIGINT) AS "LateCancellations"
            FROM "ShopCustomers" l
            INNER JOIN "Customers" c ON c."Id" = l."CustomerId"
            LEFT JOIN (
                SELECT b."CustomerId" AS "CustomerId",
                    SUM(CASE WHEN b."Status" = '{{nameof(BookingStatus.Completed)}}' THEN 1 ELSE 0 END) AS "Visits",
                    MAX(CASE WHEN b."Status" = '{{nameof(BookingStatus.Completed)}}' THEN b."Start" END) AS "LastVisit",
                    MIN(CASE WHEN b."Status" IN ({{OpenStatuses}}) AND b."Start" > {1} THEN b."Start" END) AS "NextVisit",
                    SUM(CASE WHEN b."Status" = '{{nameof(BookingStatus.Completed)}}' THEN b."Price" ELSE 0 END) AS "Centavos",
                    SUM(CASE WHEN b."Status" = '{{nameof(BookingStatus.NoShow)}}' THEN 1 ELSE 0 END) AS "NoShows",
                    SUM(CASE WHEN b."Status" = '{{nameof(BookingStatus.Cancelled)}}' AND b."CancelledLate" = {2} THEN 1 ELSE 0 END) AS "LateCancellations"
                FROM "Bookings" b
                WHERE b."ShopId" = {0}
                GROUP BY b."CustomerId"
            ) s ON s."CustomerId" = l."CustomerId"
            WHERE l."ShopId" = {0} AND NOT (c."FullName" = {3} AND c."Phone" IS NULL AND c."Email" IS NULL)
            """;
        return db.Database.SqlQueryRaw<ClientRow>(sql, [shopId, now.ToUnixTimeTicks(), true, Customer.ErasedName, .. Accents.SelectMany(a => new object[] { a.Accented, a.Plain })]);
    }

    /// <summary>Names containing the search (any case, with or without accents); phones containing its digits, as typed and as the mobile it normalizes to.</summary>
    private static IQueryable<ClientRow> Matching(IQueryable<ClientRow> rows, string search)
    {
        if (search.Length == 0)
            return rows;
        var lower = Fold(search);
        var typed = new string(search.Where(char.IsAsciiDigit).ToArray());
        var phoneLike = !search.Any(char.IsLetter) && typed.Length >= MinPhoneDigits;
        if (!phoneLike)
            return rows.Where(r => r.SearchName.Contains(lower));
        var normalized = ArgentinePhone.TryNormalize(search, out var e164, out _) ? e164.TrimStart('+') : typed;
        return rows.Where(r => r.SearchName.Contains(lower)
            || (r.Phone != null && (r.Phone.Contains(typed) || r.Phone.Contains(normalized))));
    }

    private static IQueryable<ClientRow> Sorted(IQueryable<ClientRow> rows) =>
        rows.OrderBy(r => r.LastVisit == null ? 1 : 0).ThenByDescending(r => r.LastVisit).ThenBy(r => r.Name).ThenBy(r => r.Id);

    /// <summary>A row of <see cref="Rows"/>: instants as Unix ticks and money as centavos, as they are stored.</summary>
    internal sealed class ClientRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string SearchName { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public long HasAccount { get; init; }
        public long Since { get; init; }
        public string? Notes { get; init; }
        public long? BlockedOnlineAt { get; init; }
        public long Visits { get; init; }
        public long? LastVisit { get; init; }
        public long? NextVisit { get; init; }
        public long Centavos { get; init; }
        public long NoShows { get; init; }
        public long LateCancellations { get; init; }

        public ClientSummary ToSummary() => new(Id, Name, Phone, Email, HasAccount != 0, Instant.FromUnixTimeTicks(Since), (int)Visits,
            LastVisit is { } last ? Instant.FromUnixTimeTicks(last) : null, NextVisit is { } next ? Instant.FromUnixTimeTicks(next) : null,
            Centavos / 100m, (int)NoShows, (int)LateCancellations, Notes, BlockedOnlineAt is { } blocked ? Instant.FromUnixTimeTicks(blocked) : null);
    }
}
