using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Tests;

/// <summary>What ran, in order. Each test makes its own, so tests running in parallel never share one.</summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<string> _calls = new();

    public string[] Calls => _calls.ToArray();

    public void Add(string call) => _calls.Enqueue(call);
}

/// <summary>A counter receivers can bump without allocating.</summary>
public sealed class Counter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}

/// <summary>Makes the async receivers of Awaited complete synchronously, yield, throw, or cancel.</summary>
public sealed class AsyncStep
{
    public bool Yield { get; init; }

    public Exception? ThrowFromAsync { get; init; }

    public CancellationTokenSource? CancelDuringFirstAwait { get; init; }

    public async Task Pause()
    {
        if (Yield)
        {
            await Task.Yield();
        }
    }
}

/// <summary>
/// Sends many times over a while, pausing now and then, so that tiered compilation has counted the calls and
/// optimized the send (its background compile runs once new methods stop appearing for 100 ms): a test that then
/// changes what the send must see checks the optimized send, not the first, unoptimized one.
/// </summary>
public static class SendsUntilCompiledHot
{
    public static void Run(Action send)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; round < 10 || clock.ElapsedMilliseconds < 500; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                send();
            }

            Thread.Sleep(50);
        }
    }
}
