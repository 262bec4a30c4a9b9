using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>What an owner can change about the shop itself.</summary>
public sealed record ShopSettings(string Name, string TimeZoneId, string? Address, string? Phone, BookingPolicy Policy);

/// <summary>Whether the shop asks its staff for an authenticator code, and how many of them (owner and providers with an account) use one.</summary>
public sealed record StaffTwoFactorStatus(bool Required, int StaffCount, int EnrolledCount);

/// <summary>The shop's closed dates from <paramref name="Today"/> on (the shop's current date), in date order.</summary>
public sealed record UpcomingClosures(LocalDate Today, IReadOnlyList<ShopClosure> Closures);

/// <summary>
/// Shop name, zone, contact data, booking policy and closed days. Owners of the shop and admins only; anyone else
/// gets not found.
/// <para>
/// Closing or reopening a day changes every provider's availability: like <see cref="Scheduling.ScheduleService"/>
/// it bumps each provider's calendar token in the same transaction (so it cannot interleave with a booking being
/// written) and writes to the outbox, in that transaction, <see cref="BookingChangeKind.AvailabilityChanged"/> for that date per
/// provider, so open slot pickers and agendas re-read.
/// </para>
/// </summary>
public sealed class ShopSettingsService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, AgendaWriter writer)
{

    public async Task<Result<Shop>> UpdateAsync(Guid shopId, ShopSettings settings, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<Shop>.NotFound();
        try
        {
            shop.Rename(settings.Name);
            shop.ChangeTimeZone(settings.TimeZoneId);
            shop.ChangePolicy(settings.Policy);
            shop.ChangeContact(settings.Address, settings.Phone);
            await db.SaveChangesAsync(ct);
            return Result<Shop>.Ok(shop);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
    }

    /// <summary>The shop's two-factor requirement for its staff, with how many of them have an authenticator app set up.</summary>
    public async Task<Result<StaffTwoFactorStatus>> StaffTwoFactorAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<StaffTwoFactorStatus>.NotFound();
        var providerUsers = db.Providers.Where(p => p.ShopId == shopId && p.UserId != null).Select(p => p.UserId);
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.Id == shop.OwnerUserId || providerUsers.Contains(u.Id))
            .Select(u => u.TwoFactorEnabled)
            .ToListAsync(ct);
        return Result<StaffTwoFactorStatus>.Ok(new StaffTwoFactorStatus(shop.RequiresStaffTwoFactor, staff.Count, staff.Count(e => e)));
    }

    /// <summary>
    /// Turns the shop's two-factor requirement for its staff on or off. It applies to each of them at their next sign-in
    /// (and when their sign-in cookie is next revalidated); staff of other shops are not affected.
    /// </summary>
    public async Task<Result<StaffTwoFactorStatus>> RequireStaffTwoFactorAsync(Guid shopId, bool required, Actor actor, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
            if (shop is null || !Access.CanRunShop(actor, shop))
                return Result<StaffTwoFactorStatus>.NotFound();
            shop.RequireStaffTwoFactor(required);
            await db.SaveChangesAsync(ct);
        }
        return await StaffTwoFactorAsync(shopId, actor, ct);
    }

    /// <summary>The shop's closed dates from today (in the shop's zone) on.</summary>
    public async Task<Result<UpcomingClosures>> UpcomingClosuresAsync(Guid shopId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<UpcomingClosures>.NotFound();
        var today = clock.GetCurrentInstant().InZone(shop.TimeZone).Date;
        var closures = await db.ShopClosures.AsNoTracking()
            .Where(c => c.ShopId == shopId && c.Date >= today)
            .OrderBy(c => c.Date)
            .ToListAsync(ct);
        return Result<UpcomingClosures>.Ok(new UpcomingClosures(today, closures));
    }

    /// <summary>
    /// Closes the whole shop on <paramref name="date"/> with an optional note (≤ 100 characters), or changes the note
    /// of a date already closed. Refused for a past date, and while a booking is still pending or confirmed that day
    /// (move or cancel it first).
    /// </summary>
    public Task<Result<ShopClosure>> CloseOnAsync(Guid shopId, LocalDate date, string? note, Actor actor, CancellationToken ct = default) =>
        ChangeClosuresAsync(shopId, date, actor, async (db, shop, today) =>
        {
            var zone = shop.TimeZone;
            var dayStart = zone.AtStartOfDay(date).ToInstant();
            var dayEnd = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            var booked = await db.Bookings.ThatAreOpen().CountAsync(b => b.ShopId == shop.Id && b.Start >= dayStart && b.Start < dayEnd, ct);
            if (booked > 0 && shop.Closures.All(c => c.Date != date))
                throw new DomainException(new("shop.closure_has_bookings",
                    booked == 1 ? "Hay un turno ese día. Movelo o cancelalo antes de cerrar el local."
                                : $"Hay {booked} turnos ese día. Movelos o cancelalos antes de cerrar el local.", "Date"));
            return shop.CloseOn(date, note, today);
        }, ct);

    /// <summary>Opens <paramref name="date"/> again; refused (shop.closure_missing) when the shop was not closed that day.</summary>
    public Task<Result<ShopClosure>> ReopenAsync(Guid shopId, LocalDate date, Actor actor, CancellationToken ct = default) =>
        ChangeClosuresAsync(shopId, date, actor, (_, shop, _) => Task.FromResult(shop.Reopen(date)), ct);

    private async Task<Result<ShopClosure>> ChangeClosuresAsync(Guid shopId, LocalDate date, Actor actor,
        Func<BarberProDbContext, Shop, LocalDate, Task<ShopClosure>> change, CancellationToken ct)
    {
        List<Guid> providerIds = [];
        var result = await writer.RunAsync(new AgendaLock.Shop(shopId), async (db, now) =>
        {
            var shop = await db.Shops
                .Include(s => s.Closures.Where(c => c.Date == date))
                .SingleOrDefaultAsync(s => s.Id == shopId, ct);
            if (shop is null || !Access.CanRunShop(actor, shop))
                return AgendaDecision<Result<ShopClosure>>.Stop(Result<ShopClosure>.NotFound());
            providerIds = await db.Providers.Where(p => p.ShopId == shopId).Select(p => p.Id).ToListAsync(ct);
            try
            {
                var closure = await change(db, shop, now.InZone(shop.TimeZone).Date);
                foreach (var providerId in providerIds)
                    db.Outbox.Add(OutboxMessage.AvailabilityChanged(shopId, providerId, [date], now));
                return AgendaDecision<Result<ShopClosure>>.Write(Result<ShopClosure>.Ok(closure));
            }
            catch (DomainException e)
            {
                return AgendaDecision<Result<ShopClosure>>.Stop(e.Error);
            }
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
    }
}
