using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SignalGen.Benchmarks.Signals;
using SignalGen.Observability;

namespace SignalGen.Benchmarks;

/// <summary>
/// The generated send against direct calls of the same receivers, per receiver count (each category has
/// its own baseline). Nothing listens to SignalGen's telemetry, so this is the unobserved path.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SendBenchmarks
{
    private readonly Payload _payload = new();
    private readonly Signals.Signals _signals = new();

    [Benchmark(Baseline = true), BenchmarkCategory("1 receiver")]
    public void DirectCalls1() => Receivers.R1(_payload);

    [Benchmark, BenchmarkCategory("1 receiver")]
    public void Send1() => _signals.Send(new OneReceiver(_payload));

    [Benchmark(Baseline = true), BenchmarkCategory("3 receivers")]
    public void DirectCalls3()
    {
        Receivers.R1(_payload);
        Receivers.R2(_payload);
        Receivers.R3(_payload);
    }

    [Benchmark, BenchmarkCategory("3 receivers")]
    public void Send3() => _signals.Send(new ThreeReceivers(_payload));

    [Benchmark(Baseline = true), BenchmarkCategory("8 receivers")]
    public void DirectCalls8()
    {
        Receivers.R1(_payload);
        Receivers.R2(_payload);
        Receivers.R3(_payload);
        Receivers.R4(_payload);
        Receivers.R5(_payload);
        Receivers.R6(_payload);
        Receivers.R7(_payload);
        Receivers.R8(_payload);
    }

    [Benchmark, BenchmarkCategory("8 receivers")]
    public void Send8() => _signals.Send(new EightReceivers(_payload));

    [Benchmark(Baseline = true), BenchmarkCategory("no receivers")]
    public void EmptyCall() => Receivers.Empty(_payload);

    [Benchmark, BenchmarkCategory("no receivers")]
    public void SendNoReceivers() => _signals.Send(new NoReceivers(_payload));

    /// <summary>What every send pays to learn that nothing listens to its telemetry and no recorder records.</summary>
    [Benchmark, BenchmarkCategory("no receivers")]
    public bool ObservationCheck() => SendObservation.IsActive;

    [Benchmark(Baseline = true), BenchmarkCategory("3 receivers, async")]
    public ValueTask DirectCalls3Async()
    {
        DirectCalls3();
        return default;
    }

    [Benchmark, BenchmarkCategory("3 receivers, async")]
    public ValueTask SendAsync3() => _signals.SendAsync(new ThreeReceivers(_payload));
}
