using System;
using System.Collections.Generic;
using System.Reactive.Subjects;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Benchmarks.Signals;
using SignalGen.Dispatch;

namespace SignalGen.Benchmarks;

/// <summary>
/// The generated send against direct calls of the same receivers, per receiver count (each category has
/// its own baseline), with the peers wired to the same receivers: a C# event (multicast delegate),
/// Mediator's generated Publish (concrete class and IMediator), System.Reactive's Subject. Nothing
/// listens to SignalGen's telemetry, so this is the unobserved path.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByJob)]
[CategoriesColumn]
public class SendBenchmarks
{
    private readonly Payload _payload = new();
    private readonly Measurement _measurement = new(1, 2, 3, 4);
    private long _structTotalAtSetup;
    private readonly Signals.Signals _signals = new();
    private readonly Subject<Payload> _subject1 = new(), _subject3 = new(), _subject8 = new();
    private ServiceProvider _services = null!;
    private Mediator.Mediator _mediator = null!;
    private IMediator _imediator = null!;
    private OneNotification _one = null!;
    private ThreeNotification _three = null!;
    private EightNotification _eight = null!;

    private event Action<Payload>? Fired1;

    private event Action<Payload>? Fired3;

    private event Action<Payload>? Fired8;

    [GlobalSetup]
    public void Setup()
    {
        TelemetrySwitch.Apply();
        _structTotalAtSetup = StructReceivers.Total;
        Action<Payload>[] receivers = [Receivers.R1, Receivers.R2, Receivers.R3, Receivers.R4, Receivers.R5, Receivers.R6, Receivers.R7, Receivers.R8];
        Fired1 += receivers[0];
        _subject1.Subscribe(receivers[0]);
        for (var i = 0; i < 3; i++)
        {
            Fired3 += receivers[i];
            _subject3.Subscribe(receivers[i]);
        }

        foreach (var receiver in receivers)
        {
            Fired8 += receiver;
            _subject8.Subscribe(receiver);
        }

        _services = new ServiceCollection().AddMediator(options => options.ServiceLifetime = ServiceLifetime.Singleton).BuildServiceProvider();
        _mediator = _services.GetRequiredService<Mediator.Mediator>();
        _imediator = _services.GetRequiredService<IMediator>();
        (_one, _three, _eight) = (new OneNotification(_payload), new ThreeNotification(_payload), new EightNotification(_payload));
    }

    /// <summary>After a benchmark that sends to receivers: they must have run, or a peer is wired wrong.</summary>
    [GlobalCleanup]
    public void CheckReceiversRan()
    {
        _services.Dispose();
        // The struct receivers add to a static total, which other benchmarks of an in-process run share.
        if (_payload.Total == 0 && StructReceivers.Total == _structTotalAtSetup)
        {
            throw new InvalidOperationException("The benchmark called no receiver.");
        }
    }

    /// <summary>After the benchmarks that reach no receiver on purpose.</summary>
    [GlobalCleanup(Targets = [nameof(EmptyCall), nameof(SendNoReceivers), nameof(ObservationCheck)])]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("1 receiver")]
    public void DirectCalls1() => Receivers.R1(_payload);

    [Benchmark, BenchmarkCategory("1 receiver")]
    public void Send1() => _signals.Send(new OneReceiver(_payload));

    [Benchmark, BenchmarkCategory("1 receiver")]
    public void Event1() => Fired1!.Invoke(_payload);

    [Benchmark, BenchmarkCategory("1 receiver")]
    public ValueTask MediatorPublish1() => _mediator.Publish(_one);

    [Benchmark, BenchmarkCategory("1 receiver")]
    public ValueTask IMediatorPublish1() => _imediator.Publish(_one);

    [Benchmark, BenchmarkCategory("1 receiver")]
    public void Subject1() => _subject1.OnNext(_payload);

    [Benchmark(Baseline = true), BenchmarkCategory("3 receivers")]
    public void DirectCalls3()
    {
        Receivers.R1(_payload);
        Receivers.R2(_payload);
        Receivers.R3(_payload);
    }

    [Benchmark, BenchmarkCategory("3 receivers")]
    public void Send3() => _signals.Send(new ThreeReceivers(_payload));

    [Benchmark, BenchmarkCategory("3 receivers")]
    public void Event3() => Fired3!.Invoke(_payload);

    [Benchmark, BenchmarkCategory("3 receivers")]
    public ValueTask MediatorPublish3() => _mediator.Publish(_three);

    [Benchmark, BenchmarkCategory("3 receivers")]
    public ValueTask IMediatorPublish3() => _imediator.Publish(_three);

    [Benchmark, BenchmarkCategory("3 receivers")]
    public void Subject3() => _subject3.OnNext(_payload);

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

    [Benchmark, BenchmarkCategory("8 receivers")]
    public void Event8() => Fired8!.Invoke(_payload);

    [Benchmark, BenchmarkCategory("8 receivers")]
    public ValueTask MediatorPublish8() => _mediator.Publish(_eight);

    [Benchmark, BenchmarkCategory("8 receivers")]
    public ValueTask IMediatorPublish8() => _imediator.Publish(_eight);

    [Benchmark, BenchmarkCategory("8 receivers")]
    public void Subject8() => _subject8.OnNext(_payload);

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

    [Benchmark(Baseline = true), BenchmarkCategory("3 receivers, struct argument")]
    public void DirectCallsStruct3()
    {
        StructReceivers.S1(_measurement);
        StructReceivers.S2(_measurement);
        StructReceivers.S3(_measurement);
    }

    [Benchmark, BenchmarkCategory("3 receivers, struct argument")]
    public void SendStruct3() => _signals.Send(new ThreeStructReceivers(_measurement));

    /// <summary>The receiver's own task, awaited by BenchmarkDotNet: the least any caller can do.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("1 receiver that awaits")]
    public Task DirectCallAwaiting() => AwaitingReceivers.YieldThenAddAsync(_payload);

    [Benchmark, BenchmarkCategory("1 receiver that awaits")]
    public ValueTask SendAsyncAwaiting() => _signals.SendAsync(new OneAwaitingReceiver(_payload));

    /// <summary>The same three calls, each in a try/catch that keeps the receiver's name and exception, as SendRobust does.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SendRobust, 1 of 3 throws")]
    public int DirectCallsCatching3()
    {
        List<(string Receiver, Exception Exception)>? failures = null;
        try
        {
            RobustReceivers.First(_payload);
        }
        catch (Exception exception)
        {
            (failures ??= []).Add((nameof(RobustReceivers.First), exception));
        }

        try
        {
            RobustReceivers.Throws(_payload);
        }
        catch (Exception exception)
        {
            (failures ??= []).Add((nameof(RobustReceivers.Throws), exception));
        }

        try
        {
            RobustReceivers.Last(_payload);
        }
        catch (Exception exception)
        {
            (failures ??= []).Add((nameof(RobustReceivers.Last), exception));
        }

        return failures?.Count ?? 0;
    }

    [Benchmark, BenchmarkCategory("SendRobust, 1 of 3 throws")]
    public int SendRobustThrowing() => _signals.SendRobust(new OneOfThreeThrows(_payload)).Failures.Count;
}
