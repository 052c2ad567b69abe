using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace SignalGen.Benchmarks;

/// <summary>
/// A signal chosen at run time (held as the schema's <c>ISignal</c>, as a queue or a replay would hold it)
/// against the typed send of the same signal, in schemas of 40 and 400 signals. The chosen signal is the
/// last one declared: the worst case for any search through the signals. At a call site that sends one
/// type the JIT may guess it; the rotating benchmarks send every signal of the schema in turn, so the
/// guess fails as it would at a call site that sends many.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RunTimeSignalBenchmarks
{
    private readonly Payload _payload = new();
    private readonly Forty.Signals _forty = new();
    private readonly FourHundred.Signals _fourHundred = new();
    private Forty.ISignal _chosenOfForty = null!;
    private FourHundred.ISignal _chosenOfFourHundred = null!;
    private Forty.ISignal[] _allForty = null!;
    private FourHundred.ISignal[] _allFourHundred = null!;
    private uint _next;

    [GlobalSetup]
    public void Setup()
    {
        // Boxed once here, one of every signal type: a send of a boxed signal allocates nothing more.
        _allForty = Every<Forty.ISignal>(Enum.GetNames<Forty.Signal>());
        _allFourHundred = Every<FourHundred.ISignal>(Enum.GetNames<FourHundred.Signal>());
        _chosenOfForty = _allForty[^1];
        _chosenOfFourHundred = _allFourHundred[^1];
    }

    private TSignal[] Every<TSignal>(string[] names) =>
        Array.ConvertAll(names, name => (TSignal)Activator.CreateInstance(typeof(TSignal).Assembly.GetType(typeof(TSignal).Namespace + "." + name, throwOnError: true)!, _payload)!);

    [GlobalCleanup]
    public void CheckReceiversRan()
    {
        if (_payload.Total == 0)
        {
            throw new InvalidOperationException("The benchmark called no receiver.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("40 signals")]
    public void TypedSendOfForty() => _forty.Send(new Forty.S040(_payload));

    [Benchmark, BenchmarkCategory("40 signals")]
    public void RunTimeSendOfForty() => _forty.Send(_chosenOfForty);

    [Benchmark, BenchmarkCategory("40 signals")]
    public void RunTimeSendOfFortyRotating() => _forty.Send(_allForty[_next++ % (uint)_allForty.Length]);

    [Benchmark(Baseline = true), BenchmarkCategory("400 signals")]
    public void TypedSendOfFourHundred() => _fourHundred.Send(new FourHundred.S400(_payload));

    [Benchmark, BenchmarkCategory("400 signals")]
    public void RunTimeSendOfFourHundred() => _fourHundred.Send(_chosenOfFourHundred);

    [Benchmark, BenchmarkCategory("400 signals")]
    public void RunTimeSendOfFourHundredRotating() => _fourHundred.Send(_allFourHundred[_next++ % (uint)_allFourHundred.Length]);
}
