using System.Runtime.CompilerServices;
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
