using System;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;

namespace SignalGen.Tests;

// Receivers of the test schema. Names and orders are chosen to pin down the ordering rule:
// Order first, then the fully qualified receiver name (ordinal).

internal static class OrderReceiversB
{
    [Receiver(Signal.Ordered)]
    public static void Middle(CallLog log) => log.Add("B.Middle");

    [Receiver(Signal.Ordered, Order = -1)]
    public static void First(CallLog log) => log.Add("B.First");
}

internal static class OrderReceiversA
{
    [Receiver(Signal.Ordered)]
    public static void Middle(CallLog log) => log.Add("A.Middle");

    [Receiver(Signal.Ordered, Order = 1)]
    public static void Last(CallLog log) => log.Add("A.Last");
}

internal static class BindingReceivers
{
    [Receiver(Signal.Bound)]
    public static void Subset(CallLog log) => log.Add("Subset");

    [Receiver(Signal.Bound)]
    public static void Reordered(string? second, CallLog log, int first) => log.Add($"Reordered:{first}:{second}");

    [Receiver(Signal.Bound)]
    public static void WholeSignal(Bound signal) => signal.Log.Add($"WholeSignal:{signal.First}:{signal.Second}");

    [Receiver(Signal.Bound)]
    public static void WithToken(CallLog log, CancellationToken cancellationToken) =>
        log.Add("WithToken:" + (cancellationToken.CanBeCanceled ? "cancellable" : "none"));

    // One method receiving two signals.
    [Receiver(Signal.Bound, Order = 100), Receiver(Signal.Ordered, Order = 100)]
    public static void Both(CallLog log) => log.Add("Both");
}

internal static class ModeReceivers
{
    [Receiver(Signal.Vetoed, Order = 1)]
    [Receiver(Signal.Tolerated, Order = 1)]
    [Receiver(Signal.AllThenThrow, Order = 1)]
    public static void Before(CallLog log) => log.Add("Before");

    [Receiver(Signal.Vetoed, Order = 2)]
    [Receiver(Signal.Tolerated, Order = 2)]
    [Receiver(Signal.AllThenThrow, Order = 2)]
    public static void Failing(CallLog log, bool fail)
    {
        log.Add("Failing");
        if (fail)
        {
            throw new InvalidOperationException("first failure");
        }
    }

    [Receiver(Signal.Vetoed, Order = 3)]
    [Receiver(Signal.Tolerated, Order = 3)]
    [Receiver(Signal.AllThenThrow, Order = 3)]
    public static async Task FailingAsync(CallLog log, bool fail)
    {
        await Task.Yield();
        log.Add("FailingAsync");
        if (fail)
        {
            throw new ArgumentException("second failure");
        }
    }

    [Receiver(Signal.Vetoed, Order = 4)]
    [Receiver(Signal.Tolerated, Order = 4)]
    [Receiver(Signal.AllThenThrow, Order = 4)]
    public static void After(CallLog log) => log.Add("After");
}

internal static class AsyncReceivers
{
    [Receiver(Signal.Awaited, Order = 1)]
    public static void Sync(CallLog log) => log.Add("Sync");

    [Receiver(Signal.Awaited, Order = 2)]
    public static async ValueTask ValueTaskReceiver(CallLog log, AsyncStep step, CancellationToken cancellationToken)
    {
        await step.Pause();
        step.CancelDuringFirstAwait?.Cancel();
        if (step.ThrowFromAsync is { } exception)
        {
            throw exception;
        }

        log.Add("ValueTask:" + (cancellationToken.CanBeCanceled ? "cancellable" : "none"));
    }

    [Receiver(Signal.Awaited, Order = 3)]
    public static async Task TaskReceiver(CallLog log, AsyncStep step)
    {
        await step.Pause();
        log.Add("Task");
    }

    [Receiver(Signal.Awaited, Order = 4)]
    public static void SyncAfter(CallLog log) => log.Add("SyncAfter");
}

internal static class CountingReceivers
{
    [Receiver(Signal.Counted)]
    public static void One(Counter counter) => counter.Increment();

    [Receiver(Signal.Counted)]
    public static void Two(Counter counter) => counter.Increment();

    [Receiver(Signal.Counted)]
    public static void Three(Counter counter) => counter.Increment();
}

internal static class ReentrantReceivers
{
    [Receiver(Signal.Outer)]
    public static void SendInner(Signals signals, CallLog log)
    {
        log.Add("Outer");
        signals.SendInner(log);
        log.Add("Outer after Inner");
    }

    [Receiver(Signal.Inner)]
    public static void ReceiveInner(CallLog log) => log.Add("Inner");
}

/// <summary>A dependency the instance receiver gets from DI.</summary>
public sealed class Greeting
{
    public string Text { get; init; } = "hello";
}

internal sealed class InstanceReceiver(Greeting greeting)
{
    [Receiver(Signal.Resolved)]
    public void Receive(CallLog log) => log.Add("Instance:" + greeting.Text);
}

/// <summary>An instance receiver that only counts; the allocation tests register it as a singleton or scoped.</summary>
public sealed class CountingInstanceReceiver
{
    [Receiver(Signal.CountedByInstance)]
    public void Count(Counter counter) => counter.Increment();
}
