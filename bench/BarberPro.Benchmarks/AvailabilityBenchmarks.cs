using BarberPro.Domain.Availability;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace BarberPro.Benchmarks;

/// <summary>Availability of one provider-day when the provider's calendar holds 10,000 bookings.</summary>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    private BenchAgenda _agenda = null!;
    private AvailabilityInput _input = null!;

    [Params(10_000)]
    public int Bookings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _agenda = new BenchAgenda(Bookings);
        _input = _agenda.EngineInputWithWholeHistory();
        if (_input.Busy.Count != Bookings)
            throw new InvalidOperationException($"Expected {Bookings} busy spans, got {_input.Busy.Count}.");
    }

    [GlobalCleanup]
    public void Cleanup() => _agenda.Dispose();

    /// <summary>The pure engine, given every booking of the calendar (it filters to the day itself).</summary>
    [Benchmark]
    public int EngineOnly_OneDay() => AvailabilityEngine.GetSlots(_input, BenchAgenda.TargetDay, BenchAgenda.Now).Count;

    /// <summary>The pure engine answering "which days of the month have a slot?".</summary>
    [Benchmark]
    public int EngineOnly_MonthCalendar() => AvailabilityEngine.GetAvailableDays(_input, new YearMonth(2026, 12), BenchAgenda.Now).Count;

    /// <summary>The whole path: a fresh DbContext, the agenda loaded with one range seek, then the engine.</summary>
    [Benchmark]
    public async Task<int> FromDatabase_OneDay() =>
        (await _agenda.Availability.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, BenchAgenda.TargetDay))!.Starts.Count;
}
