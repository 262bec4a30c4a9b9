using System.Diagnostics.Metrics;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BenchmarkDotNet.Attributes;

namespace BarberPro.Benchmarks;

/// <summary>
/// What recording one of the app's measurements costs (<see cref="BarberProMetrics"/>): with nothing listening (no OTLP
/// endpoint: the production default) and with a listener that takes every measurement (as the OpenTelemetry SDK does).
/// <c>dotnet run -c Release --project bench/BarberPro.Benchmarks -- --filter '*MetricsOverhead*'</c>
/// </summary>
[MemoryDiagnoser]
public class MetricsOverheadBenchmarks
{
    private BarberProMetrics _metrics = null!;
    private MeterListener? _listener;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new BarberProMetrics();
        if (!Listening)
            return;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _metrics.Meter))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>A counter without tags (an agenda retry).</summary>
    [Benchmark]
    public void Retry() => _metrics.Retried();

    /// <summary>A counter with one tag (a busy answer).</summary>
    [Benchmark]
    public void BusyAnswer() => _metrics.Busy(DatabaseFault.Busy);
}
