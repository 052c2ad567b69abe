using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

// Connected receivers are process-wide (like Django's) and other test classes run in parallel, so a
// handler here acts only on the CallLog its own test created, and only signals no other class
// connects to (Connected) are used where counts of receivers matter.
public sealed class ConnectTests
{
    private readonly Signals _signals = new();

    [Fact]
    public void Connected_receivers_run_after_the_compiled_ones_until_disposed()
    {
        var log = new CallLog();
        using (Signals.Connect((Ordered signal) => { if (ReferenceEquals(signal.Log, log)) { signal.Log.Add("connected"); } }))
        {
            _signals.SendOrdered(log);
        }

        _signals.SendOrdered(log);

        Assert.Equal(
            ["B.First", "A.Middle", "B.Middle", "A.Last", "Both", "connected", "B.First", "A.Middle", "B.Middle", "A.Last", "Both"],
            log.Calls);
    }

    [Fact]
    public async Task Async_connected_receiver_gets_the_token_and_is_awaited()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        using var connection = Signals.Connect(async (Inner signal, CancellationToken token) =>
        {
            await Task.Yield();
            if (ReferenceEquals(signal.Log, log))
            {
                signal.Log.Add("connected:" + (token == source.Token));
            }
        });

        await _signals.SendAsync(new Inner(log), source.Token);

        Assert.Equal(["Inner", "connected:True"], log.Calls);
    }

    [Fact]
    public void HasReceivers_sees_run_time_receivers()
    {
        var before = Signals.HasReceivers(Signal.Connected);
        bool during;
        using (Signals.Connect((Connected _) => { }))
        {
            during = Signals.HasReceivers(Signal.Connected);
        }

        Assert.False(before);
        Assert.True(during);
        Assert.False(Signals.HasReceivers(Signal.Connected));
    }

    [Fact]
    public void A_failing_connected_receiver_is_reported_by_name_in_a_robust_send()
    {
        var log = new CallLog();
        using var connection = Signals.Connect(
            (Inner signal) =>
            {
                if (ReferenceEquals(signal.Log, log))
                {
                    throw new InvalidOperationException("plugin failed");
                }
            },
            name: "plugin");

        var result = _signals.SendRobust(new Inner(log));

        Assert.Equal(["Inner"], log.Calls);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("plugin", failure.Receiver);
        Assert.Equal(2, result.ReceiverCount);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_other_connections_stay()
    {
        var calls = 0;
        var first = Signals.Connect((Connected signal) => { if (signal.Value == 42) { Interlocked.Increment(ref calls); } });
        using var second = Signals.Connect((Connected signal) => { if (signal.Value == 42) { Interlocked.Increment(ref calls); } });

        first.Dispose();
        first.Dispose();
        _signals.SendConnected(42);

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Concurrent_sends_and_connects_lose_and_duplicate_no_delivery()
    {
        const int senders = 4;
        const int sendsPerSender = 20_000;
        const int value = 7_000_001;
        var delivered = 0;
        var disposedCalls = 0;
        var stop = 0;

        using var steady = Signals.Connect((Connected signal) =>
        {
            if (signal.Value == value)
            {
                Interlocked.Increment(ref delivered);
            }
        });

        // A receiver disconnected before any send starts must never be called.
        Signals.Connect((Connected signal) =>
        {
            if (signal.Value == value)
            {
                Interlocked.Increment(ref disposedCalls);
            }
        }).Dispose();

        var churn = new Thread(() =>
        {
            var connections = new List<IDisposable>();
            while (Volatile.Read(ref stop) == 0)
            {
                connections.Add(Signals.Connect((Connected _) => { }));
                if (connections.Count > 8)
                {
                    connections[0].Dispose();
                    connections.RemoveAt(0);
                }
            }

            connections.ForEach(connection => connection.Dispose());
        });
        churn.Start();

        var threads = new Thread[senders];
        for (var t = 0; t < senders; t++)
        {
            threads[t] = new Thread(() =>
            {
                var signals = new Signals();
                for (var i = 0; i < sendsPerSender; i++)
                {
                    signals.SendConnected(value);
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Volatile.Write(ref stop, 1);
        churn.Join();

        Assert.Equal(senders * sendsPerSender, delivered);
        Assert.Equal(0, disposedCalls);
    }
}
