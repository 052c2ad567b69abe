using System;

namespace SignalGen;

/// <summary>
/// Marks a method as a receiver of a signal declared in a <c>*.signals.json</c> schema. The source
/// generator writes a direct call to the method into the signal's dispatch table.
/// </summary>
/// <remarks>
/// <para>
/// Parameters bind by name to the signal's arguments (any subset, any order), or a single parameter
/// takes the whole signal type; a <see cref="System.Threading.CancellationToken"/> parameter receives
/// the sender's token. The method returns <see langword="void"/>,
/// <see cref="System.Threading.Tasks.Task"/> or <see cref="System.Threading.Tasks.ValueTask"/>.
/// </para>
/// <para>
/// Static receivers are called directly. Instance receivers are resolved from the sender's
/// <see cref="IServiceProvider"/>; the generated <c>AddSignals()</c> registers their classes.
/// </para>
/// <para>
/// Receivers of one signal run by ascending <see cref="Order"/>, then by their fully qualified name
/// (namespace, type, method and parameter types) in ordinal order, so the order never depends on
/// how the compiler happened to discover them.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReceiverAttribute : Attribute
{
    /// <summary>Declares the method a receiver of <paramref name="signal"/>.</summary>
    /// <param name="signal">
    /// A member of a generated <c>Signal</c> enum, for example <c>Signal.UserSignedUp</c>. The parameter
    /// is typed <see cref="object"/> because the enum is generated per schema and cannot be named here.
    /// </param>
    public ReceiverAttribute(object signal)
    {
        Signal = signal;
    }

    /// <summary>The signal this receiver is connected to.</summary>
    public object Signal { get; }

    /// <summary>
    /// Position among the signal's receivers: lower runs first. Defaults to 0. Ties are broken by the
    /// receiver's fully qualified name.
    /// </summary>
    public int Order { get; set; }

    /// <summary>
    /// When <see langword="true"/>, the receiver does not run in the send: the send stages a message holding
    /// what the receiver binds, in the sender's database transaction when one is open, and a worker of the
    /// durable engine (SignalGen.Wolverine) runs the receiver later, with retries and a dead-letter store.
    /// Everything it binds must be storable (SGEN0109). It may bind a
    /// <see cref="Durable.DurableDelivery"/>, whose id is stable across retries, to deduplicate on.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>
    /// The name a durable receiver's stored messages are known by. Defaults to the signal and the receiver's
    /// fully qualified name; set it before renaming the method or its class, so messages stored by the old
    /// build still find the receiver.
    /// </summary>
    public string? DurableName { get; set; }
}
