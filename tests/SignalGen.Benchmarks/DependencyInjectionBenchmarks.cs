using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Benchmarks.Signals;

namespace SignalGen.Benchmarks;

/// <summary>
/// Instance receivers, whose class a send resolves from the sender's service provider (a request scope
/// in ASP.NET Core). The baselines do the same work by hand: resolve the class from the same scope, call
/// the method. A direct call on an instance held in a field is shown too, as the floor.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DependencyInjectionBenchmarks
{
    private readonly Payload _payload = new();
    private ServiceProvider _root = null!;
    private IServiceScope _scope = null!;
    private IServiceProvider _services = null!;
    private Signals.Signals _signals = null!;
    private SingletonReceiverClass _heldSingleton = null!;
    private ScopedReceiverClass _heldScoped = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Registered before AddSignals, which registers receiver classes only when they are not (as transient).
        _root = new ServiceCollection()
            .AddSingleton<SingletonReceiverClass>()
            .AddScoped<ScopedReceiverClass>()
            .AddSignals()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _root.CreateScope();
        _services = _scope.ServiceProvider;
        _signals = _services.GetRequiredService<Signals.Signals>();
        _heldSingleton = _services.GetRequiredService<SingletonReceiverClass>();
        _heldScoped = _services.GetRequiredService<ScopedReceiverClass>();
    }

    [GlobalCleanup]
    public void CheckReceiversRan()
    {
        _scope.Dispose();
        _root.Dispose();
        if (_payload.Total == 0)
        {
            throw new InvalidOperationException("The benchmark called no receiver.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("DI singleton")]
    public void ResolveAndCallSingleton() => _services.GetRequiredService<SingletonReceiverClass>().Add(_payload);

    [Benchmark, BenchmarkCategory("DI singleton")]
    public void HeldSingletonCall() => _heldSingleton.Add(_payload);

    [Benchmark, BenchmarkCategory("DI singleton")]
    public void SendToSingleton() => _signals.Send(new SingletonReceiver(_payload));

    [Benchmark(Baseline = true), BenchmarkCategory("DI scoped")]
    public void ResolveAndCallScoped() => _services.GetRequiredService<ScopedReceiverClass>().Add(_payload);

    [Benchmark, BenchmarkCategory("DI scoped")]
    public void HeldScopedCall() => _heldScoped.Add(_payload);

    [Benchmark, BenchmarkCategory("DI scoped")]
    public void SendToScoped() => _signals.Send(new ScopedReceiver(_payload));
}
