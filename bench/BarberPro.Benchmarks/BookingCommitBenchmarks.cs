using BarberPro.Domain.Bookings;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;

namespace BarberPro.Benchmarks;

/// <summary>
/// Booking commits on SQLite under contention: <see cref="Workers"/> tasks book distinct free slots of the same
/// barber at once, so every commit fights for the same calendar row. One operation = one committed booking;
/// commits per second = 1 / (time per operation).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class BookingCommitBenchmarks
{
    private const int BookingsPerIteration = 96;
    private BenchAgenda _agenda = null!;
    private Instant[] _slots = [];

    [Params("FULL", "NORMAL")]
    public string Synchronous { get; set; } = "FULL";

    [Params(8)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _agenda = new BenchAgenda(bookings: 0, Synchronous, customers: Workers);
        // Free slots on the working days of the next weeks (a haircut every 45 minutes), all on one barber.
        var zone = BenchAgenda.Zone;
        _slots = Enumerable.Range(1, 40)
            .Select(d => BenchAgenda.TargetDay.PlusDays(d))
            .Where(d => d.DayOfWeek is not (IsoDayOfWeek.Sunday or IsoDayOfWeek.Monday))
            .SelectMany(d => Enumerable.Range(0, 5).Select(k => d.At(new LocalTime(9, 0)).PlusMinutes(45 * k))
                .Concat(Enumerable.Range(0, 8).Select(k => d.At(new LocalTime(14, 0)).PlusMinutes(45 * k))))
            .Select(local => local.InZoneStrictly(zone).ToInstant())
            .Take(BookingsPerIteration)
            .ToArray();
    }

    [IterationSetup]
    public void FreeTheSlots() => _agenda.DeleteBookingsFrom(_slots[0]);

    [GlobalCleanup]
    public void Cleanup() => _agenda.Dispose();

    [Benchmark(OperationsPerInvoke = BookingsPerIteration)]
    public async Task CommitBookings()
    {
        var next = -1;
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var actor = Actor.Customer(_agenda.CustomerUserIds[w]);
            int i;
            while ((i = Interlocked.Increment(ref next)) < _slots.Length)
            {
                var outcome = await _agenda.Bookings.BookAsync(new NewBooking(_agenda.Barber.Id, _agenda.Haircut.Id, _slots[i]), actor);
                if (outcome is not BookingOutcome.Succeeded)
                    throw new InvalidOperationException($"Slot {_slots[i]} was not booked: {outcome}");
            }
        }));
        await Task.WhenAll(workers);
    }
}
