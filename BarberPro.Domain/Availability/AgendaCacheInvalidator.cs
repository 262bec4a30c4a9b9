using System.Data.Common;
using System.Runtime.CompilerServices;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Shops;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace BarberPro.Domain.Availability;

/// <summary>
/// Bumps <see cref="AgendaCache"/>'s generations when a change to what availability or a shop page reads commits on this
/// server: whatever wrote it (the agenda writer, the catalog, the shop settings), through any context of the app. What a
/// SaveChanges changes is noted when it saves; the bump happens once the database has it — when the explicit transaction
/// commits (inside <c>CommitAsync</c>, so before <see cref="Data.AgendaWriter"/> returns), or right after a SaveChanges
/// that ran in its own transaction. A rolled-back transaction bumps nothing (bumping would be harmless anyway).
/// </summary>
public sealed class AgendaCacheInvalidator(AgendaCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public readonly HashSet<Guid> Providers = [];
        public readonly HashSet<Guid> Shops = [];
        public bool All;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        if (context.ChangeTracker.AutoDetectChangesEnabled)
            context.ChangeTracker.DetectChanges();
        Pending? pending = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            var p = pending ??= _pending.GetOrCreateValue(context);
            lock (p)
                NoteEntry(entry, p);
        }
    }

    private static void NoteEntry(EntityEntry entry, Pending p)
    {
        switch (entry.Entity)
        {
            case Booking b: p.Providers.Add(b.ProviderId); break;
            case GroupSession s: p.Providers.Add(s.ProviderId); break;
            case WorkingInterval w: p.Providers.Add(w.ProviderId); break;
            case TimeOff t: p.Providers.Add(t.ProviderId); break;
            case DateOverride o: p.Providers.Add(o.ProviderId); break;
            case WaitlistEntry e:
                // A hold moves or ends: the provider it was on and the one it is on now.
                if (e.OfferProviderId is { } now)
                    p.Providers.Add(now);
                if (entry.State == EntityState.Modified && entry.Property(nameof(WaitlistEntry.OfferProviderId)).OriginalValue is Guid before)
                    p.Providers.Add(before);
                break;
            case Provider provider: p.Shops.Add(provider.ShopId); break;
            case Offering offering: p.Shops.Add(offering.ShopId); break;
            case ShopClosure closure: p.Shops.Add(closure.ShopId); break;
            case ShopImage image: p.Shops.Add(image.ShopId); break;
            case Shop shop: p.Shops.Add(shop.Id); break;
            // Which provider does which offering (the ProviderOfferings join): rare, so every entry.
            case Dictionary<string, object>: p.All = true; break;
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var p))
            return;
        lock (p)
        {
            if (p.All)
                cache.InvalidateAll();
            foreach (var shop in p.Shops)
                cache.InvalidateShop(shop);
            foreach (var provider in p.Providers)
                cache.InvalidateProvider(provider);
            p.Providers.Clear();
            p.Shops.Clear();
            p.All = false;
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }

    private void Saved(DbContext? context)
    {
        // Outside an explicit transaction the change is committed now; inside one it waits for the commit.
        if (context is not null && context.Database.CurrentTransaction is null)
            Flush(context);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Bumps <see cref="AgendaCache"/> on every <see cref="BookingChange"/> this server receives: its own (already bumped at
/// commit, harmless) and, through the Redis fan-out, other servers'.
/// </summary>
public sealed class AgendaCacheListener(AgendaCache cache, IBookingEvents events) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(change =>
        {
            if (change.ProviderId != Guid.Empty)
                cache.InvalidateProvider(change.ProviderId);
            else if (change.ShopId != Guid.Empty)
                cache.InvalidateShop(change.ShopId);
            else
                cache.InvalidateAll();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
