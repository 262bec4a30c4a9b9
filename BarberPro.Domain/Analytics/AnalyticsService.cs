using System.Globalization;
using System.Text;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Analytics;

/// <summary>
/// The owner's and barber's analytics: who may see what (whoever runs the shop sees all of it, a barber only their own
/// numbers, anyone else nothing) and every figure of <see cref="AnalyticsReport"/>. Figures are aggregated in the
/// database: GROUP BY queries over the bookings of the range (index (ShopId, LocalStartDate), or (ProviderId,
/// LocalStartDate) for one barber) that return at most a row per day, barber-day, hour, client or service, never the
/// bookings themselves. Working minutes come from the barbers' hours (<see cref="ProviderHours"/>, time off, closed days):
/// schedule rows, not bookings. See docs/decisions/0013.
/// </summary>
public sealed class AnalyticsService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    /// <summary>Top lists are this long.</summary>
    public const int TopCount = 5;

    /// <summary>Ranges longer than this get a weekly trend instead of a daily one.</summary>
    public const int DailyTrendMaxDays = 62;

    private const string Completed = nameof(BookingStatus.Completed);
    private const string Cancelled = nameof(BookingStatus.Cancelled);
    private const string NoShow = nameof(BookingStatus.NoShow);
    private const string ByCustomer = nameof(ActorRole.Customer);

    /// <summary>"Still ahead of its outcome" (<see cref="BookingStatuses.IsOpen"/>) as an SQL list.</summary>
    private static readonly string OpenStatuses =
        string.Join(", ", Enum.GetValues<BookingStatus>().Where(s => s.IsOpen()).Select(s => $"'{s}'"));

    /// <summary>The barbers and services the filters offer this actor in this shop; not found when they may not see it.</summary>
    public async Task<Result<AnalyticsFilters>> FiltersAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
            return Result<AnalyticsFilters>.NotFound();
        var runs = Access.CanRunShop(actor, shop);
        var own = runs ? null : await OwnProviderAsync(db, shop, actor, ct);
        if (!runs && own is null)
            return Result<AnalyticsFilters>.NotFound();
        var providers = await db.Providers.AsNoTracking().Where(p => p.ShopId == shopId && (own == null || p.Id == own))
            .OrderBy(p => p.DisplayName).Select(p => new AnalyticsOption(p.Id, p.DisplayName)).ToListAsync(ct);
        var services = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shopId)
            .OrderBy(o => o.Name).Select(o => new AnalyticsOption(o.Id, o.Name)).ToListAsync(ct);
        return Result<AnalyticsFilters>.Ok(new AnalyticsFilters(shop.Id, shop.Name, shop.TimeZone, providers, services, own));
    }

    /// <summary>The report for <paramref name="query"/> as <paramref name="actor"/> may see it.</summary>
    public async Task<Result<AnalyticsReport>> ReportAsync(AnalyticsQuery query, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await ScopeAsync(db, query, actor, ct);
        if (!scope.Succeeded)
            return scope.IsNotFound ? Result<AnalyticsReport>.NotFound() : Result<AnalyticsReport>.Refused(scope.Error!);
        var (shop, q) = scope.Value!;
        var now = clock.GetCurrentInstant();
        var previous = q.Previous();
        var both = q with { From = previous.From };

        var days = await DailyAsync(db, both, now, ct);
        var booked = await BookedMinutesAsync(db, both, ct);
        var working = await WorkingMinutesAsync(db, shop, both, ct);
        var occupancy = working
            .Select(p => new ProviderOccupancy(p.ProviderId, p.Name,
                booked.Where(b => b.ProviderId == p.ProviderId && In(b.Date, q)).Sum(b => b.Minutes),
                p.Days.Where(d => In(d.Key, q)).Sum(d => d.Value)))
            .OrderByDescending(o => o.Rate ?? -1).ThenBy(o => o.Name, StringComparer.CurrentCulture)
            .ToList();
        var byDay = Dates(q).Select(date => new DayOccupancy(date,
            booked.Where(b => b.Date == date).Sum(b => b.Minutes), working.Sum(p => p.Days.GetValueOrDefault(date)))).ToList();
        var (servicesByCount, servicesByRevenue) = await TopServicesAsync(db, q, ct);
        var (clientsByVisits, clientsBySpend) = await TopClientsAsync(db, q, ct);
        var current = days.Where(d => In(d.Date, q)).ToList();

        return Result<AnalyticsReport>.Ok(new AnalyticsReport(
            q,
            Figures(current, await ClientsAsync(db, q, now, ct), OccupancyRate(booked, working, q)),
            Figures(days.Where(d => In(d.Date, previous)).ToList(), await ClientsAsync(db, previous, now, ct), OccupancyRate(booked, working, previous)),
            occupancy,
            byDay,
            clientsByVisits,
            clientsBySpend,
            servicesByCount,
            servicesByRevenue,
            await HeatmapAsync(db, shop.TimeZone, q, ct),
            Trend(current, q),
            q.Days > DailyTrendMaxDays,
            await UnservedAsync(db, q, now.InZone(shop.TimeZone).Date, ct),
            new ReminderEffect(current.Sum(d => d.Reminders.Confirmed), current.Sum(d => d.Reminders.ConfirmedNoShows),
                current.Sum(d => d.Reminders.NotConfirmed), current.Sum(d => d.Reminders.NotConfirmedNoShows))));
    }

    /// <summary>The bookings behind the figures (the export), oldest first, streamed; not found when the actor may not see them.</summary>
    public async Task<Result<IAsyncEnumerable<AnalyticsBookingRow>>> BookingsAsync(AnalyticsQuery query, Actor actor, CancellationToken ct = default)
    {
        AnalyticsQuery q;
        DateTimeZone zone;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var scope = await ScopeAsync(db, query, actor, ct);
            if (!scope.Succeeded)
                return scope.IsNotFound ? Result<IAsyncEnumerable<AnalyticsBookingRow>>.NotFound() : Result<IAsyncEnumerable<AnalyticsBookingRow>>.Refused(scope.Error!);
            (var shop, q) = scope.Value!;
            zone = shop.TimeZone;
        }
        return Result<IAsyncEnumerable<AnalyticsBookingRow>>.Ok(StreamAsync(q, zone, ct));
    }

    private async IAsyncEnumerable<AnalyticsBookingRow> StreamAsync(AnalyticsQuery q, DateTimeZone zone,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = InScope(db.Bookings.AsNoTracking(), q)
            .OrderBy(b => b.Start).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.Id, b.Start, b.End, b.CreatedAt, Provider = b.Provider!.DisplayName, Service = b.Offering!.Name,
                Customer = b.Customer!.FullName, b.Customer.Phone, b.Status, b.CreatedByRole, b.CancelledByRole, b.CancelledLate, b.Price,
            })
            .AsAsyncEnumerable();
        await foreach (var b in rows.WithCancellation(ct))
        {
            yield return new AnalyticsBookingRow(b.Id, b.Start.InZone(zone).LocalDateTime, b.CreatedAt.InZone(zone).LocalDateTime, b.Provider,
                b.Service, b.Customer, b.Phone, b.Status, b.CreatedByRole, b.CancelledByRole, b.CancelledLate, b.Price,
                (int)(b.End - b.Start).TotalMinutes);
        }
    }

    /// <summary>
    /// Who may ask what, and whether the range is one: whoever runs the shop asks anything of it; a barber gets their own
    /// numbers (another barber's are not found); a barber or service of another shop is not found.
    /// </summary>
    private static async Task<Result<(Shop Shop, AnalyticsQuery Query)>> ScopeAsync(BarberProDbContext db, AnalyticsQuery query, Actor actor, CancellationToken ct)
    {
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.ShopId, ct);
        if (shop is null)
            return Result<(Shop, AnalyticsQuery)>.NotFound();
        if (!Access.CanRunShop(actor, shop))
        {
            var own = await OwnProviderAsync(db, shop, actor, ct);
            if (own is null || (query.ProviderId is { } asked && asked != own))
                return Result<(Shop, AnalyticsQuery)>.NotFound();
            query = query with { ProviderId = own };
        }
        if (query.ProviderId is { } providerId && !await db.Providers.AnyAsync(p => p.Id == providerId && p.ShopId == shop.Id, ct))
            return Result<(Shop, AnalyticsQuery)>.NotFound();
        if (query.OfferingId is { } offeringId && !await db.Offerings.AnyAsync(o => o.Id == offeringId && o.ShopId == shop.Id, ct))
            return Result<(Shop, AnalyticsQuery)>.NotFound();
        if (query.From > query.To || query.Days > AnalyticsQuery.MaxDays)
            return new DomainError("analytics.range",
                $"El rango de fechas no es válido: la fecha de inicio debe ser anterior o igual a la de fin, y el rango de hasta {AnalyticsQuery.MaxDays} días.",
                nameof(AnalyticsQuery.From));
        return Result<(Shop, AnalyticsQuery)>.Ok((shop, query));
    }

    /// <summary>The provider of this shop the actor is (a barber asking for their own numbers), or null.</summary>
    private static async Task<Guid?> OwnProviderAsync(BarberProDbContext db, Shop shop, Actor actor, CancellationToken ct) =>
        actor.Role != ActorRole.Provider ? null
        : await db.Providers.Where(p => p.ShopId == shop.Id && p.UserId == actor.UserId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

    private static IQueryable<Booking> InScope(IQueryable<Booking> bookings, AnalyticsQuery q) =>
        bookings.Where(b => b.ShopId == q.ShopId && b.LocalStartDate >= q.From && b.LocalStartDate <= q.To
            && (q.ProviderId == null || b.ProviderId == q.ProviderId)
            && (q.OfferingId == null || b.OfferingId == q.OfferingId));

    /// <summary>The scope as an SQL condition on the bookings table aliased <paramref name="alias"/>, with its arguments appended.</summary>
    private static string Where(AnalyticsQuery q, List<object> args, string alias = "b", bool withDates = true)
    {
        var sql = new StringBuilder($"{alias}.\"ShopId\" = {Arg(args, q.ShopId)}");
        if (withDates)
            sql.Append($" AND {alias}.\"LocalStartDate\" >= {Arg(args, q.From)} AND {alias}.\"LocalStartDate\" <= {Arg(args, q.To)}");
        if (q.ProviderId is { } providerId)
            sql.Append($" AND {alias}.\"ProviderId\" = {Arg(args, providerId)}");
        if (q.OfferingId is { } offeringId)
            sql.Append($" AND {alias}.\"OfferingId\" = {Arg(args, offeringId)}");
        return sql.ToString();
    }

    /// <summary>A parameter placeholder for raw SQL; dates go as <see cref="DateOnly"/>, as the model stores them.</summary>
    private static string Arg(List<object> args, object value)
    {
        args.Add(value is LocalDate date ? date.ToDateOnly() : value);
        return "{" + (args.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }

    private static bool In(LocalDate date, AnalyticsQuery q) => date >= q.From && date <= q.To;

    private static IEnumerable<LocalDate> Dates(AnalyticsQuery q)
    {
        for (var date = q.From; date <= q.To; date = date.PlusDays(1))
            yield return date;
    }

    // ---- Per day: counts, money, lead time, who made them ----

    internal sealed class DayRow
    {
        public DateOnly Date { get; init; }
        public long Made { get; init; }
        public long Completed { get; init; }
        public long CancelledByCustomer { get; init; }
        public long CancelledByShop { get; init; }
        public long Late { get; init; }
        public long NoShows { get; init; }
        public long CompletedCentavos { get; init; }
        public long ExpectedCentavos { get; init; }
        public long LeadMinutes { get; init; }
        public long Online { get; init; }
        public long Reminded { get; init; }
        public long RemindedNoShows { get; init; }
        public long RemindedConfirmed { get; init; }
        public long RemindedConfirmedNoShows { get; init; }
    }

    private sealed record Day(LocalDate Date, BookingCounts Counts, decimal Revenue, decimal Expected, long LeadMinutes, long Online, ReminderEffect Reminders);

    private static async Task<List<Day>> DailyAsync(BarberProDbContext db, AnalyticsQuery q, Instant now, CancellationToken ct)
    {
        var args = new List<object>();
        var where = Where(q, args);
        var nowArg = Arg(args, now.ToUnixTimeTicks());
        var lateArg = Arg(args, true);
        var trueArg = lateArg;
        // A reminded booking that came due (attended or missed): what the reminder effect compares.
        var cameDue = $"b.\"ReminderSentAt\" IS NOT NULL AND b.\"Status\" IN ('{Completed}', '{NoShow}')";
        var minuteArg = Arg(args, NodaConstants.TicksPerMinute);
        var sql = $"""
            SELECT b."LocalStartDate" AS "Date",
                CAST(COUNT(*) AS BIGINT) AS "Made",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{Completed}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "Completed",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{Cancelled}' AND b."CancelledByRole" = '{ByCustomer}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "CancelledByCustomer",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{Cancelled}' AND (b."CancelledByRole" IS NULL OR b."CancelledByRole" <> '{ByCustomer}') THEN 1 ELSE 0 END), 0) AS BIGINT) AS "CancelledByShop",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{Cancelled}' AND b."CancelledLate" = {lateArg} THEN 1 ELSE 0 END), 0) AS BIGINT) AS "Late",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{NoShow}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "NoShows",
                CAST(COALESCE(SUM(CASE WHEN b."Status" = '{Completed}' THEN b."Price" ELSE 0 END), 0) AS BIGINT) AS "CompletedCentavos",
                CAST(COALESCE(SUM(CASE WHEN b."Status" IN ({OpenStatuses}) AND b."Start" > {nowArg} THEN b."Price" ELSE 0 END), 0) AS BIGINT) AS "ExpectedCentavos",
                CAST(COALESCE(SUM((b."Start" - b."CreatedAt") / {minuteArg}), 0) AS BIGINT) AS "LeadMinutes",
                CAST(COALESCE(SUM(CASE WHEN b."CreatedByRole" = '{ByCustomer}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "Online",
                CAST(COALESCE(SUM(CASE WHEN {cameDue} THEN 1 ELSE 0 END), 0) AS BIGINT) AS "Reminded",
                CAST(COALESCE(SUM(CASE WHEN {cameDue} AND b."Status" = '{NoShow}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "RemindedNoShows",
                CAST(COALESCE(SUM(CASE WHEN {cameDue} AND b."ConfirmedByCustomer" = {trueArg} THEN 1 ELSE 0 END), 0) AS BIGINT) AS "RemindedConfirmed",
                CAST(COALESCE(SUM(CASE WHEN {cameDue} AND b."ConfirmedByCustomer" = {trueArg} AND b."Status" = '{NoShow}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS "RemindedConfirmedNoShows"
            FROM "Bookings" b
            WHERE {where}
            GROUP BY b."LocalStartDate"
            """;
        var rows = await db.Database.SqlQueryRaw<DayRow>(sql, [.. args]).ToListAsync(ct);
        return rows.Select(r => new Day(LocalDate.FromDateOnly(r.Date),
                new BookingCounts((int)r.Made, (int)r.Completed, (int)r.CancelledByCustomer, (int)r.CancelledByShop, (int)r.Late, (int)r.NoShows),
                r.CompletedCentavos / 100m, r.ExpectedCentavos / 100m, r.LeadMinutes, r.Online,
                new ReminderEffect((int)r.RemindedConfirmed, (int)r.RemindedConfirmedNoShows, (int)(r.Reminded - r.RemindedConfirmed),
                    (int)(r.RemindedNoShows - r.RemindedConfirmedNoShows))))
            .OrderBy(d => d.Date).ToList();
    }

    private static AnalyticsFigures Figures(IReadOnlyList<Day> days, ClientFigures clients, double? occupancy)
    {
        var counts = new BookingCounts(days.Sum(d => d.Counts.Made), days.Sum(d => d.Counts.Completed), days.Sum(d => d.Counts.CancelledByCustomer),
            days.Sum(d => d.Counts.CancelledByShop), days.Sum(d => d.Counts.LateCancellations), days.Sum(d => d.Counts.NoShows));
        var revenue = days.Sum(d => d.Revenue);
        return new AnalyticsFigures(
            counts,
            new RevenueFigures(revenue, days.Sum(d => d.Expected), counts.Completed == 0 ? null : Math.Round(revenue / counts.Completed, 2)),
            clients,
            occupancy,
            counts.Made == 0 ? null : Duration.FromMinutes(days.Sum(d => d.LeadMinutes) / counts.Made),
            counts.Made == 0 ? null : (double)days.Sum(d => d.Online) / counts.Made);
    }

    private static IReadOnlyList<TrendPoint> Trend(IReadOnlyList<Day> days, AnalyticsQuery q)
    {
        var byDate = days.ToDictionary(d => d.Date);
        var weekly = q.Days > DailyTrendMaxDays;
        return Dates(q)
            .GroupBy(date => weekly ? Max(q.From, date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday))) : date)
            .Select(g =>
            {
                var inGroup = g.Where(byDate.ContainsKey).Select(date => byDate[date]).ToList();
                return new TrendPoint(g.Key, inGroup.Sum(d => d.Counts.Made), inGroup.Sum(d => d.Counts.Completed),
                    inGroup.Sum(d => d.Counts.Cancelled), inGroup.Sum(d => d.Counts.NoShows), inGroup.Sum(d => d.Revenue));
            })
            .ToList();
    }

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    // ---- Occupancy ----

    internal sealed class BookedRow
    {
        public Guid ProviderId { get; init; }
        public DateOnly Date { get; init; }
        public long Ticks { get; init; }
    }

    private sealed record Booked(Guid ProviderId, LocalDate Date, int Minutes);

    /// <summary>
    /// Booked minutes per barber and day: individual bookings that were not cancelled (a no-show held the chair too), and
    /// each group session that was not cancelled once, however many seats it has.
    /// </summary>
    private static async Task<List<Booked>> BookedMinutesAsync(BarberProDbContext db, AnalyticsQuery q, CancellationToken ct)
    {
        var args = new List<object>();
        var bookings = Where(q, args);
        var sessions = Where(q, args, "s");
        var sql = $"""
            SELECT x."ProviderId", x."Date", CAST(SUM(x."Ticks") AS BIGINT) AS "Ticks" FROM (
                SELECT b."ProviderId" AS "ProviderId", b."LocalStartDate" AS "Date", b."End" - b."Start" AS "Ticks"
                FROM "Bookings" b
                WHERE {bookings} AND b."SessionId" IS NULL AND b."Status" <> '{Cancelled}'
                UNION ALL
                SELECT s."ProviderId", s."LocalStartDate", s."End" - s."Start"
                FROM "GroupSessions" s
                WHERE {sessions} AND s."Status" <> '{nameof(Sessions.GroupSessionStatus.Cancelled)}'
            ) x
            GROUP BY x."ProviderId", x."Date"
            """;
        var rows = await db.Database.SqlQueryRaw<BookedRow>(sql, [.. args]).ToListAsync(ct);
        return rows.Select(r => new Booked(r.ProviderId, LocalDate.FromDateOnly(r.Date), (int)(r.Ticks / NodaConstants.TicksPerMinute))).ToList();
    }

    private sealed record Working(Guid ProviderId, string Name, Dictionary<LocalDate, int> Days);

    /// <summary>
    /// Each barber's working minutes per day: the hours of the day (<see cref="ProviderHours.On"/>: weekly hours, date
    /// overrides, none on a shop's closed day) minus their time off. Barbers who have left still count for the days they
    /// had bookings.
    /// </summary>
    private static async Task<List<Working>> WorkingMinutesAsync(BarberProDbContext db, Shop shop, AnalyticsQuery q, CancellationToken ct)
    {
        var providers = await db.Providers.AsNoTracking()
            .Include(p => p.WorkingHours)
            .Include(p => p.Overrides.Where(o => o.Date >= q.From && o.Date <= q.To))
            .AsSplitQuery()
            .Where(p => p.ShopId == shop.Id && (q.ProviderId == null || p.Id == q.ProviderId))
            .ToListAsync(ct);
        var closed = await db.ClosedDatesAsync(shop.Id, q.From, q.To, ct);
        var localFrom = q.From.AtMidnight();
        var localTo = q.To.PlusDays(1).AtMidnight();
        var ids = providers.Select(p => p.Id).ToList();
        var timeOff = (await db.TimeOff.AsNoTracking()
                .Where(t => ids.Contains(t.ProviderId) && t.Start < localTo && t.End > localFrom)
                .Select(t => new { t.ProviderId, t.Start, t.End })
                .ToListAsync(ct))
            .ToLookup(t => t.ProviderId, t => new LocalDateTimeRange(t.Start, t.End));

        return providers.Select(p =>
        {
            var hours = ProviderHours.Of(p, closed);
            var days = new Dictionary<LocalDate, int>();
            foreach (var date in Dates(q))
            {
                var minutes = 0L;
                foreach (var range in hours.On(date))
                {
                    var start = date.At(range.Start);
                    var end = range.End > range.Start ? date.At(range.End) : date.PlusDays(1).AtMidnight();
                    var span = Period.Between(start, end, PeriodUnits.Minutes).Minutes;
                    var away = timeOff[p.Id].Sum(t => Overlap(start, end, t.Start, t.End));
                    minutes += Math.Max(0, span - away);
                }
                if (minutes > 0)
                    days[date] = (int)minutes;
            }
            return new Working(p.Id, p.DisplayName, days);
        }).ToList();
    }

    private static long Overlap(LocalDateTime start, LocalDateTime end, LocalDateTime otherStart, LocalDateTime otherEnd)
    {
        var from = start > otherStart ? start : otherStart;
        var to = end < otherEnd ? end : otherEnd;
        return from < to ? Period.Between(from, to, PeriodUnits.Minutes).Minutes : 0;
    }

    private static double? OccupancyRate(List<Booked> booked, List<Working> working, AnalyticsQuery q)
    {
        var available = working.Sum(p => p.Days.Where(d => In(d.Key, q)).Sum(d => d.Value));
        return available == 0 ? null : (double)booked.Where(b => In(b.Date, q)).Sum(b => b.Minutes) / available;
    }

    // ---- Clients ----

    internal sealed class ClientRow
    {
        public long Visitors { get; init; }
        public long New { get; init; }
        public long Rebooked { get; init; }
        public long WalkIns { get; init; }
    }

    /// <summary>
    /// The clients who visited (a completed booking) in the range: new (no visit in scope before it: one covering seek of
    /// (CustomerId, ShopId, Status, LocalStartDate) each), returning (the rest), rebooked (holding a future booking in
    /// scope: the future bookings read once and joined), walk-ins (no account).
    /// </summary>
    private static async Task<ClientFigures> ClientsAsync(BarberProDbContext db, AnalyticsQuery q, Instant now, CancellationToken ct)
    {
        var args = new List<object>();
        var visits = Where(q, args);
        var before = Where(q, args, "p", withDates: false);
        var fromArg = Arg(args, q.From);
        var after = Where(q, args, "f", withDates: false);
        var nowArg = Arg(args, now.ToUnixTimeTicks());
        var sql = $"""
            SELECT CAST(COUNT(*) AS BIGINT) AS "Visitors",
                CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (
                    SELECT 1 FROM "Bookings" p WHERE p."CustomerId" = v."CustomerId" AND {before} AND p."Status" = '{Completed}' AND p."LocalStartDate" < {fromArg}
                ) THEN 1 ELSE 0 END), 0) AS BIGINT) AS "New",
                CAST(COALESCE(SUM(CASE WHEN r."CustomerId" IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS "Rebooked",
                CAST(COALESCE(SUM(CASE WHEN c."UserId" IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS "WalkIns"
            FROM (SELECT DISTINCT b."CustomerId" AS "CustomerId" FROM "Bookings" b WHERE {visits} AND b."Status" = '{Completed}') v
            JOIN "Customers" c ON c."Id" = v."CustomerId"
            LEFT JOIN (
                SELECT DISTINCT f."CustomerId" AS "CustomerId" FROM "Bookings" f WHERE {after} AND f."Status" IN ({OpenStatuses}) AND f."Start" > {nowArg}
            ) r ON r."CustomerId" = v."CustomerId"
            """;
        var row = (await db.Database.SqlQueryRaw<ClientRow>(sql, [.. args]).ToListAsync(ct)).Single();
        return new ClientFigures((int)row.New, (int)(row.Visitors - row.New), (int)row.Rebooked, (int)row.WalkIns);
    }

    internal sealed class GroupRow
    {
        public Guid Id { get; init; }
        public long Count { get; init; }
        public long Centavos { get; init; }
    }

    /// <summary>Both top-client lists from one GROUP BY over the range's visits (a row per client), ordered here.</summary>
    private static async Task<(IReadOnlyList<TopClient> ByVisits, IReadOnlyList<TopClient> BySpend)> TopClientsAsync(
        BarberProDbContext db, AnalyticsQuery q, CancellationToken ct)
    {
        var args = new List<object>();
        var where = Where(q, args);
        var sql = $"""
            SELECT b."CustomerId" AS "Id", CAST(COUNT(*) AS BIGINT) AS "Count", CAST(COALESCE(SUM(b."Price"), 0) AS BIGINT) AS "Centavos"
            FROM "Bookings" b
            WHERE {where} AND b."Status" = '{Completed}'
            GROUP BY b."CustomerId"
            """;
        var rows = await db.Database.SqlQueryRaw<GroupRow>(sql, [.. args]).ToListAsync(ct);
        var byVisits = rows.OrderByDescending(r => r.Count).ThenByDescending(r => r.Centavos).ThenBy(r => r.Id).Take(TopCount).ToList();
        var bySpend = rows.OrderByDescending(r => r.Centavos).ThenByDescending(r => r.Count).ThenBy(r => r.Id).Take(TopCount).ToList();
        var ids = byVisits.Concat(bySpend).Select(r => r.Id).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FullName, ct);
        TopClient Client(GroupRow r) => new(r.Id, names.GetValueOrDefault(r.Id, ""), (int)r.Count, r.Centavos / 100m);
        return ([.. byVisits.Select(Client)], [.. bySpend.Select(Client)]);
    }

    /// <summary>
    /// Both top-service lists from one GROUP BY (a row per service): bookings not cancelled, and completed revenue. A visit
    /// of several services counts each part under its own service with the part's price: the bookings are summed by their
    /// (first) service as before, then each visit in scope takes its whole back from its first service and adds its parts.
    /// Those two branches start from BookingParts, which only visits have, so the one-service majority is read once, as
    /// before (a LEFT JOIN of every booking to its parts cost the 90-day report about 10 ms on 200,000 bookings).
    /// </summary>
    private static async Task<(IReadOnlyList<TopService> ByCount, IReadOnlyList<TopService> ByRevenue)> TopServicesAsync(
        BarberProDbContext db, AnalyticsQuery q, CancellationToken ct)
    {
        var args = new List<object>();
        const string counted = $"CASE WHEN b.\"Status\" <> '{Cancelled}' THEN 1 ELSE 0 END";
        string Earned(string price) => $"CASE WHEN b.\"Status\" = '{Completed}' THEN {price} ELSE 0 END";
        var sql = $"""
            SELECT x."Id" AS "Id", CAST(COALESCE(SUM(x."Count"), 0) AS BIGINT) AS "Count", CAST(COALESCE(SUM(x."Centavos"), 0) AS BIGINT) AS "Centavos"
            FROM (
                SELECT b."OfferingId" AS "Id", SUM({counted}) AS "Count", SUM({Earned("b.\"Price\"")}) AS "Centavos"
                FROM "Bookings" b
                WHERE {Where(q, args)}
                GROUP BY b."OfferingId"
                UNION ALL
                SELECT b."OfferingId", -SUM({counted}), -SUM({Earned("b.\"Price\"")})
                FROM "BookingParts" v JOIN "Bookings" b ON b."Id" = v."BookingId"
                WHERE v."Position" = 0 AND {Where(q, args)}
                GROUP BY b."OfferingId"
                UNION ALL
                SELECT v."OfferingId", SUM({counted}), SUM({Earned("v.\"Price\"")})
                FROM "BookingParts" v JOIN "Bookings" b ON b."Id" = v."BookingId"
                WHERE {Where(q, args)}
                GROUP BY v."OfferingId"
            ) x
            GROUP BY x."Id"
            """;
        var rows = await db.Database.SqlQueryRaw<GroupRow>(sql, [.. args]).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var names = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var services = rows.Where(r => r.Count > 0 || r.Centavos > 0)
            .Select(r => new TopService(r.Id, names.GetValueOrDefault(r.Id, ""), (int)r.Count, r.Centavos / 100m)).ToList();
        return (
            services.OrderByDescending(s => s.Count).ThenByDescending(s => s.Revenue).ThenBy(s => s.Name, StringComparer.CurrentCulture).Take(TopCount).ToList(),
            services.OrderByDescending(s => s.Revenue).ThenByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.CurrentCulture).Take(TopCount).ToList());
    }

    // ---- Busiest hours ----

    internal sealed class HourRow
    {
        public DateOnly Date { get; init; }
        public long Hour { get; init; }
        public long Count { get; init; }
    }

    /// <summary>
    /// Bookings not cancelled per shop-local weekday and hour: grouped in SQL by day and UTC hour (the stored instant
    /// divided by an hour), each group then placed at its local hour in the shop's zone (right for zones on whole-hour
    /// offsets, as all of Argentina is).
    /// </summary>
    private static async Task<IReadOnlyList<HeatCell>> HeatmapAsync(BarberProDbContext db, DateTimeZone zone, AnalyticsQuery q, CancellationToken ct)
    {
        var args = new List<object>();
        var where = Where(q, args);
        var hourArg = Arg(args, NodaConstants.TicksPerHour);
        var sql = $"""
            SELECT b."LocalStartDate" AS "Date", CAST(b."Start" / {hourArg} AS BIGINT) AS "Hour", CAST(COUNT(*) AS BIGINT) AS "Count"
            FROM "Bookings" b
            WHERE {where} AND b."Status" <> '{Cancelled}'
            GROUP BY b."LocalStartDate", CAST(b."Start" / {hourArg} AS BIGINT)
            """;
        var rows = await db.Database.SqlQueryRaw<HourRow>(sql, [.. args]).ToListAsync(ct);
        return rows
            .GroupBy(r => (LocalDate.FromDateOnly(r.Date).DayOfWeek, Instant.FromUnixTimeTicks(r.Hour * NodaConstants.TicksPerHour).InZone(zone).Hour))
            .Select(g => new HeatCell(g.Key.DayOfWeek, g.Key.Hour, (int)g.Sum(r => r.Count)))
            .OrderBy(c => c.Day).ThenBy(c => c.Hour)
            .ToList();
    }

    // ---- Unserved demand ----

    private static async Task<UnservedDemand> UnservedAsync(BarberProDbContext db, AnalyticsQuery q, LocalDate today, CancellationToken ct)
    {
        var entries = db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ShopId == q.ShopId && e.Date >= q.From && e.Date <= q.To
                && (q.ProviderId == null || e.ProviderId == q.ProviderId || e.OfferProviderId == q.ProviderId)
                && (q.OfferingId == null || e.OfferingId == q.OfferingId));
        // Ended without a booking: expired, or still waiting for a day that has passed (the sweep had not got to it).
        var neverServed = await entries.CountAsync(e => e.BookingId == null
            && (e.Status == WaitlistStatus.Expired || ((e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered) && e.Date < today)), ct);
        var days = await entries.GroupBy(e => new { e.Date, e.OfferingId })
            .Select(g => new { g.Key.Date, g.Key.OfferingId, Waiting = g.Count() })
            .ToListAsync(ct);
        var ids = days.Select(d => d.OfferingId).Distinct().ToList();
        var names = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new UnservedDemand(neverServed, days
            .Select(d => new FullDay(d.Date, d.OfferingId, names.GetValueOrDefault(d.OfferingId, ""), d.Waiting))
            .OrderBy(d => d.Date).ThenBy(d => d.ServiceName, StringComparer.CurrentCulture)
            .ToList());
    }
}
