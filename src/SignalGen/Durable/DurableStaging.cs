using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Durable;

/// <summary>What a generated durable receiver's thunk calls instead of the receiver. Plumbing: not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DurableStaging
{
    /// <summary>
    /// Stages <paramref name="message"/> through the <see cref="IDurableReceiverOutbox"/> of the sender's
    /// service provider. Throws a message that says what to add when the sender has none.
    /// </summary>
    /// <typeparam name="TMessage">The receiver's generated message type.</typeparam>
    /// <param name="services">The sender's service provider.</param>
    /// <param name="message">What the receiver binds, stamped.</param>
    /// <param name="receiver">The durable receiver.</param>
    /// <param name="cancellationToken">The send's token.</param>
    public static ValueTask StageAsync<TMessage>(IServiceProvider? services, TMessage message, DurableReceiver<TMessage> receiver, CancellationToken cancellationToken)
        where TMessage : class, IDurableMessage
    {
        if (services?.GetService(typeof(IDurableReceiverOutbox)) is not IDurableReceiverOutbox outbox)
        {
            return ValueTask.FromException(new InvalidOperationException(
                $"Receiver {receiver.Receiver} is durable, so a send stages a message for it, but " +
                (services is null ? "the sender has no IServiceProvider. Resolve the sender from DI (services.AddSignals())." : "no durable engine is registered. Add the SignalGen.Wolverine package and call UseSignalGenDurableReceivers (docs/durable-receivers.md).")));
        }

        return outbox.StageAsync(message, receiver, cancellationToken);
    }
}
