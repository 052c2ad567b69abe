using System;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

// In the process-wide collection: a recorder or listener of another test would send these through the
// observed path, and a measurement of it would say nothing about what an unobserved send costs.
[Collection(ProcessWideState.Name)]
public sealed class AllocationTests
{
    private const int Sends = 1_000;

    [Fact]
    public void Send_to_three_static_sync_receivers_allocates_nothing()
    {
        var signals = new Signals();
        var counter = new Counter();
        var signal = new Counted(counter);

        var allocated = Measure(() => signals.Send(in signal));

        Assert.Equal(0, allocated);
        Assert.Equal(3 * (Sends + Warmup), counter.Value);
    }

    [Fact]
    public void SendAsync_with_synchronously_completing_receivers_allocates_nothing()
    {
        var signals = new Signals();
        var counter = new Counter();
        var signal = new Counted(counter);

        var allocated = Measure(() =>
        {
            var pending = signals.SendAsync(in signal);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("expected synchronous completion");
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3 * (Sends + Warmup), counter.Value);
    }

    [Fact]
    public void Successful_robust_sends_allocate_nothing()
    {
        var signals = new Signals();
        var counter = new Counter();
        var signal = new Counted(counter);

        var allocated = Measure(() =>
        {
            if (!signals.SendRobust(in signal).Succeeded || !signals.SendRobustAsync(in signal).Result.Succeeded)
            {
                throw new InvalidOperationException("expected success");
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(6 * (Sends + Warmup), counter.Value);
    }

    [Fact]
    public void Convenience_send_allocates_nothing()
    {
        var signals = new Signals();
        var counter = new Counter();

        var allocated = Measure(() => signals.SendCounted(counter));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Sends_of_a_signal_boxed_once_allocate_nothing_more()
    {
        var signals = new Signals();
        var counter = new Counter();
        ISignal signal = new Counted(counter);

        var allocated = Measure(() =>
        {
            signals.Send(signal);
            if (!signals.SendAsync(signal).IsCompletedSuccessfully || !signals.SendRobust(signal).Succeeded)
            {
                throw new InvalidOperationException("expected synchronous success");
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(9 * (Sends + Warmup), counter.Value);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    public void Send_to_an_instance_receiver_resolved_from_the_scope_allocates_nothing(ServiceLifetime lifetime)
    {
        IServiceCollection services = new ServiceCollection();
        services.Add(new ServiceDescriptor(typeof(CountingInstanceReceiver), typeof(CountingInstanceReceiver), lifetime));
        using var root = services.AddSignals().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = root.CreateScope();
        var signals = scope.ServiceProvider.GetRequiredService<Signals>();
        var counter = new Counter();
        var signal = new CountedByInstance(counter);

        var allocated = Measure(() => signals.Send(in signal));

        Assert.Equal(0, allocated);
        Assert.Equal(Sends + Warmup, counter.Value);
    }

    private const int Warmup = 100;

    // Warm up first so JIT and tiering work is not counted, then count bytes on this thread only.
    private static long Measure(Action send)
    {
        Assert.False(SignalGen.Dispatch.SendObservation.IsActive, "Something observes sends: this would not measure the unobserved path.");
        for (var i = 0; i < Warmup; i++)
        {
            send();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Sends; i++)
        {
            send();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
