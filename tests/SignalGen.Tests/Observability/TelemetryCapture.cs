using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using SignalGen.Observability;

namespace SignalGen.Tests.Observability;

/// <summary>Listens to SignalGen's ActivitySource and Meter the way an OpenTelemetry SDK would, and keeps what they report.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener? _activities;
    private readonly MeterListener? _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public TelemetryCapture(bool spans = true, bool metrics = true)
    {
        if (spans)
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SignalGenTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity => _stopped.Enqueue(activity),
            };
            ActivitySource.AddActivityListener(_activities);
        }

        if (metrics)
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == SignalGenTelemetry.Name)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
            _meters.Start();
        }
    }

    /// <summary>Spans that ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => _stopped.ToArray();

    /// <summary>Measurements of one instrument, in the order they were made.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(measurement => measurement.Instrument == instrument).ToArray();

    public void Dispose()
    {
        _activities?.Dispose();
        _meters?.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            dictionary[tag.Key] = tag.Value;
        }

        return dictionary;
    }

    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
