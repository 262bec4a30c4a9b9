using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using NodaTime;

namespace BarberPro.Domain.Availability;

/// <summary>
/// What the availability engine reads, kept in memory: agenda snapshots per provider, offering and range of dates, the
/// providers of a shop that offer an offering, and anything else keyed to a shop (docs/decisions/0015).
/// <para>
/// Correctness does not rest on removing entries but on generations. Every entry carries the generations (global, its
/// shop's, its provider's) read <em>before</em> its data was loaded, and is served only while they are still the current
/// ones. A write bumps them after its commit, synchronously, before the writer returns (<see cref="AgendaCacheInvalidator"/>
/// runs inside the commit): an answer that starts after that sees a newer generation, ignores every older entry, and reads
/// the database, which holds the commit. A reader that loaded before the commit and stores after the bump stores an entry
/// stamped with the old generation, which is never served.
/// </para>
/// <para>
/// Other servers bump on the <see cref="Bookings.BookingChange"/>s they receive (<see cref="AgendaCacheListener"/>);
/// changes that publish none there (catalog, policy) reach them within <see cref="Lifetime"/>, which also bounds how long a
/// waitlist hold that expired keeps its slot hidden. Snapshots are independent of "now" except for those holds: the
/// engine is asked with the current instant on every request.
/// </para>
/// </summary>
public sealed class AgendaCache(IClock clock) : IDisposable
{
    /// <summary>How long an entry is served at most, whatever happens (by the app's clock).</summary>
    public static readonly Duration Lifetime = Duration.FromSeconds(30);

    private const int MaxEntries = 20_000;

    private long _global;
    private readonly ConcurrentDictionary<Guid, long> _shops = new();
    private readonly ConcurrentDictionary<Guid, long> _providers = new();
    private readonly ConcurrentDictionary<Guid, Guid> _shopOfProvider = new();
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>Generations read before a load; an entry stamped with them is served while they hold.</summary>
    public readonly record struct Stamp(long Global, long Shop, long Provider);

    private sealed record Entry(object Value, Guid ShopId, Guid ProviderId, Stamp Stamp, Instant LoadedAt);

    /// <summary>The stamp to take before loading something of <paramref name="providerId"/>; null when its shop is not known yet.</summary>
    public Stamp? StampOfProvider(Guid providerId) =>
        _shopOfProvider.TryGetValue(providerId, out var shopId) ? StampOf(shopId, providerId) : null;

    /// <summary>The stamp to take before loading something of a shop (and optionally one of its providers).</summary>
    public Stamp StampOf(Guid shopId, Guid providerId = default) => new(
        Volatile.Read(ref _global),
        _shops.TryGetValue(shopId, out var s) ? s : 0,
        providerId == Guid.Empty ? 0 : _providers.TryGetValue(providerId, out var p) ? p : 0);

    /// <summary>Remembers which shop a provider belongs to (it never changes), so later loads can be stamped first.</summary>
    public void LearnShop(Guid providerId, Guid shopId) => _shopOfProvider.TryAdd(providerId, shopId);

    /// <summary>The value stored under <paramref name="key"/> when it is still current; otherwise false.</summary>
    public bool TryGet<T>(object key, out T value) where T : class
    {
        if (_entries.TryGetValue(key, out var found) && found is Entry { Value: T v } entry && IsCurrent(entry))
        {
            value = v;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>
    /// Stores <paramref name="value"/> loaded under <paramref name="stamp"/> (taken before loading). If a write bumped a
    /// generation meanwhile, the entry is stored but never served.
    /// </summary>
    public void Set(object key, object value, Guid shopId, Guid providerId, Stamp stamp)
    {
        using var entry = _entries.CreateEntry(key);
        entry.Value = new Entry(value, shopId, providerId, stamp, clock.GetCurrentInstant());
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = Lifetime.ToTimeSpan();
    }

    private bool IsCurrent(Entry entry)
    {
        if (entry.Stamp != StampOf(entry.ShopId, entry.ProviderId))
            return false;
        var age = clock.GetCurrentInstant() - entry.LoadedAt;
        return age >= Duration.Zero && age < Lifetime;
    }

    /// <summary>Everything one provider's agenda holds changed (bookings, hours, time off, overrides, sessions, holds).</summary>
    public void InvalidateProvider(Guid providerId) => _providers.AddOrUpdate(providerId, 1, (_, g) => g + 1);

    /// <summary>Something of a shop changed (its policy, closures, offerings, providers): every entry of the shop.</summary>
    public void InvalidateShop(Guid shopId) => _shops.AddOrUpdate(shopId, 1, (_, g) => g + 1);

    /// <summary>Something whose shop is not known changed: every entry.</summary>
    public void InvalidateAll() => Interlocked.Increment(ref _global);

    public void Dispose() => _entries.Dispose();
}
