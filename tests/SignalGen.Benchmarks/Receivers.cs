using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SignalGen.Benchmarks.Signals;

namespace SignalGen.Benchmarks;

/// <summary>The argument receivers work on: a class, so a receiver does the same work whatever sends to it.</summary>
public sealed class Payload
{
    public long Total;
}

/// <summary>
/// Receivers the JIT cannot inline, each doing one add: the baselines call exactly these methods directly,
/// so a ratio measures what sending adds to the calls themselves.
/// </summary>
public static class Receivers
{
    [Receiver(Signal.OneReceiver), Receiver(Signal.ThreeReceivers), Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R1(Payload payload) => payload.Total += 1;

    [Receiver(Signal.ThreeReceivers), Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R2(Payload payload) => payload.Total += 2;

    [Receiver(Signal.ThreeReceivers), Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R3(Payload payload) => payload.Total += 3;

    [Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R4(Payload payload) => payload.Total += 4;

    [Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R5(Payload payload) => payload.Total += 5;

    [Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R6(Payload payload) => payload.Total += 6;

    [Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R7(Payload payload) => payload.Total += 7;

    [Receiver(Signal.EightReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void R8(Payload payload) => payload.Total += 8;

    /// <summary>The cost of one empty call the JIT cannot remove: the bar for a send with no receivers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Empty(Payload payload)
    {
    }
}

/// <summary>A 32-byte argument passed by value, as a struct payload is.</summary>
public readonly record struct Measurement(long Id, long Value, long Minimum, long Maximum);

/// <summary>Receivers of a struct argument; each reads one field into a total the benchmark checks.</summary>
public static class StructReceivers
{
    public static long Total;

    [Receiver(Signal.ThreeStructReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void S1(Measurement measurement) => Total += measurement.Value;

    [Receiver(Signal.ThreeStructReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void S2(Measurement measurement) => Total += measurement.Minimum;

    [Receiver(Signal.ThreeStructReceivers)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void S3(Measurement measurement) => Total += measurement.Maximum;
}

/// <summary>A receiver that really awaits: it yields to the thread pool before it adds.</summary>
public static class AwaitingReceivers
{
    [Receiver(Signal.OneAwaitingReceiver)]
    public static async Task YieldThenAddAsync(Payload payload)
    {
        await Task.Yield();
        payload.Total += 1;
    }
}

/// <summary>An instance receiver whose class the benchmark registers as a singleton.</summary>
public sealed class SingletonReceiverClass
{
    [Receiver(Signal.SingletonReceiver)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Add(Payload payload) => payload.Total += 1;
}

/// <summary>An instance receiver whose class the benchmark registers as scoped.</summary>
public sealed class ScopedReceiverClass
{
    [Receiver(Signal.ScopedReceiver)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Add(Payload payload) => payload.Total += 1;
}

/// <summary>Three receivers for SendRobust, the second of which always fails.</summary>
public static class RobustReceivers
{
    [Receiver(Signal.OneOfThreeThrows)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void First(Payload payload) => payload.Total += 1;

    [Receiver(Signal.OneOfThreeThrows, Order = 1)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throws(Payload payload) => throw new InvalidOperationException("The receiver failed.");

    [Receiver(Signal.OneOfThreeThrows, Order = 2)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Last(Payload payload) => payload.Total += 3;
}

/// <summary>Receivers of the first and last signal of the 40- and 400-signal schemas.</summary>
public static class ManySignalsReceivers
{
    [Receiver(Forty.Signal.S001), Receiver(Forty.Signal.S040), Receiver(FourHundred.Signal.S001), Receiver(FourHundred.Signal.S400)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(Payload payload) => payload.Total += 1;
}
