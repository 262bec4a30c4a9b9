using BarberPro.Domain.Availability;
using BenchmarkDotNet.Attributes;

namespace BarberPro.Benchmarks;

/// <summary>
/// What the availability cache saves (docs/decisions/0015), on a provider-day of a calendar with 10,000 bookings: the
/// service served from a cached snapshot (the app's path; the engine still runs with the current instant), the same
/// service without a cache (a fresh context and the snapshot's queries each time), and the engine alone on the day's
/// snapshot — what caching computed slots instead of snapshots could save on top.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityCacheBenchmarks
{
    private BenchAgenda _agenda = null!;
    private AvailabilityService _uncached = null!;
    private AvailabilityInput _dayInput = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _agenda = new BenchAgenda(10_000);
        _uncached = new AvailabilityService(_agenda.DbFactory, _agenda.Clock);
        // Twice: the first read learns the provider's shop, the second stores the stamped snapshot.
        await _agenda.Availability.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, BenchAgenda.TargetDay);
        await _agenda.Availability.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, BenchAgenda.TargetDay);
        await using var db = await _agenda.DbFactory.CreateDbContextAsync();
        var snapshot = (await AgendaLoader.LoadManyAsync(db, [_agenda.Barber.Id], [_agenda.Haircut.Id], BenchAgenda.TargetDay, BenchAgenda.TargetDay,
            BenchAgenda.Now, default))[_agenda.Barber.Id];
        _dayInput = snapshot.Input;
    }

    [GlobalCleanup]
    public void Cleanup() => _agenda.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> Uncached_OneDay() =>
        (await _uncached.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, BenchAgenda.TargetDay))!.Starts.Count;

    [Benchmark]
    public async Task<int> CachedSnapshot_OneDay() =>
        (await _agenda.Availability.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, BenchAgenda.TargetDay))!.Starts.Count;

    [Benchmark]
    public int EngineOnSnapshot_OneDay() => AvailabilityEngine.GetSlots(_dayInput, BenchAgenda.TargetDay, BenchAgenda.Now).Count;
}
