using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests.Concurrency;

/// <summary>
/// Threads send while others connect and disconnect run-time receivers, and every delivery is accounted
/// for against a global event order: no receiver gets a send twice; a receiver connected before a send
/// started and disconnected after it ended gets it (nothing lost); a send that started after
/// <c>Dispose</c> returned never reaches that receiver; a send that ended before <c>Connect</c> was called
/// never does either. Sends overlapping a connect or a dispose may or may not reach it (documented).
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class ConcurrentConnectTests(ITestOutputHelper output)
{
    private const int SenderThreads = 4;
    private const int ConnectorThreads = 3;

    // One total order over every event of the test: Interlocked operations are sequentially consistent.
    private long _clock;

    [Fact]
    public void Sync_sends_while_receivers_connect_and_disconnect_lose_and_duplicate_nothing()
    {
        const int sendsPerThread = 25_000;
        var signals = new Signals();

        var result = Run(sendsPerThread, send: value => signals.Send(new Connected(value)), connect: probe => Signals.Connect((Connected signal) => probe.Receive(signal.Value)));

        Verify(result, sendsPerThread);
    }

    [Fact]
    public void Async_sends_with_awaiting_receivers_while_receivers_connect_and_disconnect_lose_and_duplicate_nothing()
    {
        const int sendsPerThread = 4_000;
        var signals = new Signals();

        var result = Run(
            sendsPerThread,
            send: value => signals.SendAsync(new Connected(value)).AsTask().GetAwaiter().GetResult(),
            connect: probe => Signals.Connect(async (Connected signal, CancellationToken _) =>
            {
                if (signal.Value % 3 == 0)
                {
                    await Task.Yield();
                }

                probe.Receive(signal.Value);
            }));

        Verify(result, sendsPerThread);
    }

    [Fact]
    public void Robust_sends_with_a_throwing_receiver_connected_and_disconnected_concurrently_count_every_failure_once()
    {
        const int sendsPerThread = 10_000;
        var signals = new Signals();
        var failuresSeen = 0L;

        var result = Run(
            sendsPerThread,
            send: value => Interlocked.Add(ref failuresSeen, signals.SendRobust(new Connected(value)).Failures.Count),
            connect: probe => Signals.Connect((Connected signal) =>
            {
                probe.Receive(signal.Value);
                throw new InvalidOperationException("receiver failed");
            }));

        Verify(result, sendsPerThread);

        // Each delivery threw once and the robust send returned each failure once: none swallowed, none doubled.
        Assert.Equal(result.Probes.Sum(probe => probe.Deliveries.Count), failuresSeen);
    }

    private RunResult Run(int sendsPerThread, Action<int> send, Func<Probe, IDisposable> connect)
    {
        var totalSends = SenderThreads * sendsPerThread;
        var sendStarted = new long[totalSends];
        var sendEnded = new long[totalSends];
        var probes = new ConcurrentQueue<Probe>();
        var sendersLeft = SenderThreads;

        var connectors = Enumerable.Range(0, ConnectorThreads).Select(index => new Thread(() =>
        {
            var random = new Random(index);
            while (Volatile.Read(ref sendersLeft) > 0)
            {
                var probe = new Probe { ConnectCalled = Tick() };
                var connection = connect(probe);
                probe.Connected = Tick();
                Thread.SpinWait(random.Next(50, 5_000));
                probe.DisposeCalled = Tick();
                connection.Dispose();
                probe.Disposed = Tick();
                probes.Enqueue(probe);
            }
        })).ToList();

        var senders = Enumerable.Range(0, SenderThreads).Select(thread => new Thread(() =>
        {
            for (var i = 0; i < sendsPerThread; i++)
            {
                var value = thread * sendsPerThread + i;
                sendStarted[value] = Tick();
                send(value);
                sendEnded[value] = Tick();
            }

            Interlocked.Decrement(ref sendersLeft);
        })).ToList();

        connectors.ForEach(thread => thread.Start());
        senders.ForEach(thread => thread.Start());
        senders.ForEach(thread => thread.Join());
        connectors.ForEach(thread => thread.Join());

        return new RunResult(sendStarted, sendEnded, probes.ToArray());
    }

    private void Verify(RunResult result, int sendsPerThread)
    {
        long deliveries = 0, required = 0;

        // Sends ordered by when they started, so each receiver's window is one binary search away.
        var byStart = Enumerable.Range(0, result.SendStarted.Length).OrderBy(value => result.SendStarted[value]).ToArray();
        var starts = byStart.Select(value => result.SendStarted[value]).ToArray();

        foreach (var probe in result.Probes)
        {
            var received = probe.Deliveries.ToArray();
            Assert.Equal(received.Length, received.Distinct().Count());
            deliveries += received.Length;

            foreach (var value in received)
            {
                Assert.False(
                    result.SendStarted[value] > probe.Disposed || result.SendEnded[value] < probe.ConnectCalled,
                    $"Send {value} reached a receiver it could not: it started after Dispose returned or ended before Connect was called.");
            }

            var receivedSet = received.ToHashSet();
            var first = Array.BinarySearch(starts, probe.Connected);
            for (var index = first < 0 ? ~first : first + 1; index < starts.Length && starts[index] < probe.DisposeCalled; index++)
            {
                var value = byStart[index];
                if (result.SendEnded[value] < probe.DisposeCalled)
                {
                    required++;
                    Assert.True(receivedSet.Contains(value), $"Send {value} ran entirely while a receiver was connected but did not reach it.");
                }
            }
        }

        output.WriteLine(
            $"{SenderThreads} sending threads x {sendsPerThread} sends, {ConnectorThreads} connecting threads: {result.Probes.Length} receivers connected and disconnected, " +
            $"{deliveries} deliveries counted, {required} of them required by the guarantee (the rest reached receivers connecting or disconnecting during the send)");

        // The load must really overlap: receivers connected during sends and got many of them.
        Assert.True(result.Probes.Length >= 10, "Too few receivers connected during the sends: " + result.Probes.Length);
        Assert.True(required >= 1_000, "Too few sends ran entirely inside a connection: " + required);
    }

    private long Tick() => Interlocked.Increment(ref _clock);

    private sealed class Probe
    {
        public ConcurrentQueue<int> Deliveries { get; } = new();

        public long ConnectCalled { get; init; }

        public long Connected { get; set; }

        public long DisposeCalled { get; set; }

        public long Disposed { get; set; }

        public void Receive(int value) => Deliveries.Enqueue(value);
    }

    private sealed record RunResult(long[] SendStarted, long[] SendEnded, Probe[] Probes);
}
