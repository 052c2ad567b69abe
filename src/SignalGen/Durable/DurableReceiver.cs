using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Durable;

/// <summary>
/// One receiver marked <c>Durable = true</c>, as the generator describes it to a durable engine: the stable
/// name its messages are stored under and how to run it. The generated <c>AddSignals()</c> registers one
/// instance per durable receiver as a <see cref="DurableReceiver"/> singleton; an engine package reads them
/// from the service collection.
/// </summary>
public abstract class DurableReceiver
{
    /// <summary>Called by generated receivers.</summary>
    /// <param name="messageName">The name stored messages carry (see <see cref="MessageName"/>).</param>
    /// <param name="receiver">The receiver's fully qualified name.</param>
    /// <param name="signal">The signal's fully qualified name.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected DurableReceiver(string messageName, string receiver, string signal)
    {
        MessageName = messageName;
        Receiver = receiver;
        Signal = signal;
    }

    /// <summary>
    /// The name stored messages are known by: <c>DurableName</c> when the receiver sets it, else the signal and
    /// the receiver's fully qualified name. A stored message finds its receiver again after a restart or a
    /// deploy only while this stays the same.
    /// </summary>
    public string MessageName { get; }

    /// <summary>The receiver's fully qualified name, as failures and telemetry name it.</summary>
    public string Receiver { get; }

    /// <summary>The signal's fully qualified name.</summary>
    public string Signal { get; }

    /// <summary>The generated message type.</summary>
    public abstract Type MessageType { get; }

    /// <summary>Calls <see cref="IDurableReceiverVisitor.Visit{TMessage}"/> with this receiver's message type, so an engine registers it with no reflection.</summary>
    /// <param name="visitor">The engine's visitor.</param>
    public abstract void Accept(IDurableReceiverVisitor visitor);

    /// <inheritdoc/>
    public override string ToString() => Receiver + " (" + MessageName + ")";
}

/// <summary>A durable receiver whose messages are <typeparamref name="TMessage"/>.</summary>
/// <typeparam name="TMessage">The generated message type.</typeparam>
public abstract class DurableReceiver<TMessage> : DurableReceiver
    where TMessage : class, IDurableMessage
{
    /// <summary>Called by generated receivers.</summary>
    /// <param name="messageName">The name stored messages carry.</param>
    /// <param name="receiver">The receiver's fully qualified name.</param>
    /// <param name="signal">The signal's fully qualified name.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected DurableReceiver(string messageName, string receiver, string signal)
        : base(messageName, receiver, signal)
    {
    }

    /// <inheritdoc/>
    public sealed override Type MessageType => typeof(TMessage);

    /// <summary>Runs the receiver for a stored message, the way the send would have called it.</summary>
    /// <param name="message">The stored message.</param>
    /// <param name="delivery">The delivery, for a receiver that binds it.</param>
    /// <param name="services">The worker's scoped service provider, where an instance receiver's class is resolved.</param>
    /// <param name="cancellationToken">The worker's token, for a receiver that binds one.</param>
    public abstract ValueTask RunAsync(TMessage message, DurableDelivery delivery, IServiceProvider services, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public sealed override void Accept(IDurableReceiverVisitor visitor) => visitor.Visit(this);
}

/// <summary>How an engine learns each durable receiver's message type as a type argument.</summary>
public interface IDurableReceiverVisitor
{
    /// <summary>Called once by <see cref="DurableReceiver.Accept"/>.</summary>
    /// <typeparam name="TMessage">The receiver's message type.</typeparam>
    /// <param name="receiver">The receiver.</param>
    void Visit<TMessage>(DurableReceiver<TMessage> receiver)
        where TMessage : class, IDurableMessage;
}
