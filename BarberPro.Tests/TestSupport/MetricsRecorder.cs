using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A <see cref="MeterListener"/> on one <see cref="Meter"/> instance (so tests running in parallel, each with its own
/// container and meter, never see each other's measurements): records every measurement with its tags, and reads
/// observable gauges on demand.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MetricsRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
            copy[key] = tagValue;
        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    /// <summary>The sum of what <paramref name="instrument"/> recorded with all of <paramref name="tags"/> (other tags may differ).</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            .Sum(m => m.Value);

    /// <summary>Every measurement of <paramref name="instrument"/> so far.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Reads <paramref name="gauge"/> now (its callback runs) and returns the value it reported.</summary>
    public double Read(string gauge)
    {
        var before = Of(gauge).Count;
        _listener.RecordObservableInstruments();
        var now = Of(gauge);
        Assert.True(now.Count > before, $"The gauge {gauge} reported nothing.");
        return now[^1].Value;
    }

    public void Dispose() => _listener.Dispose();
}
