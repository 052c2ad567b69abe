using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading;
using BenchmarkDotNet.Attributes;
using SignalGen.Dispatch;

namespace SignalGen.Benchmarks;

/// <summary>
/// Ways of asking "does anything observe this send?" of a source and three instruments shaped like
/// SignalGen's (none listened to, so every way answers false), against one empty non-inlined call:
/// what the check costs at least, and whether fewer branches beat fewer loads. SendObservation.IsActive
/// is SignalGen's own check, for comparison in the same run.
/// </summary>
[MemoryDiagnoser]
public class ObservationCheckBenchmarks
{
    private static readonly ActivitySource s_source = new("SignalGen.Benchmarks.ObservationCheck");
    private static readonly Meter s_meter = new("SignalGen.Benchmarks.ObservationCheck");
    private static readonly Counter<long> s_sends = s_meter.CreateCounter<long>("sends");
    private static readonly Counter<long> s_failures = s_meter.CreateCounter<long>("failures");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>("duration");
    private static int s_recorders;

    /// <summary>No recorder records, as in an app outside its tests; written here as a recorder's start would.</summary>
    [GlobalSetup]
    public void NoRecorder() => Volatile.Write(ref s_recorders, 0);

    [Benchmark(Baseline = true)]
    public void EmptyCall() => Empty();

    /// <summary>Each question in turn, stopping at the first yes: five branches.</summary>
    [Benchmark]
    public bool ShortCircuit() =>
        Volatile.Read(ref s_recorders) != 0 || s_source.HasListeners() || s_sends.Enabled || s_failures.Enabled || s_duration.Enabled;

    /// <summary>Every question asked, the answers or-ed without branching, then one branch.</summary>
    [Benchmark]
    public bool Combined() =>
        (Volatile.Read(ref s_recorders) != 0) | s_source.HasListeners() | s_sends.Enabled | s_failures.Enabled | s_duration.Enabled;

    /// <summary>Only the recorder's count: the check with telemetry switched off.</summary>
    [Benchmark]
    public bool RecorderOnly() => Volatile.Read(ref s_recorders) != 0;

    [Benchmark]
    public bool SignalGenIsActive() => SendObservation.IsActive;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Empty()
    {
    }
}
