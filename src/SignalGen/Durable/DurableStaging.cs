using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

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
                (services is null ? "the sender has no IServiceProvider. Resolve the sender from DI (services.AddSignals())." : "no durable engine is registered. Add the SignalGen.Wolverine package and call AddSignalGenDurableReceivers (docs/durable-receivers.md).")));
        }

        return outbox.StageAsync(message, receiver, cancellationToken);
    }

    /// <summary>
    /// The sender's service provider, which a receiver's stored forms need before its message exists; throws
    /// the message <see cref="StageAsync{TMessage}"/> would when there is none.
    /// </summary>
    /// <param name="services">The sender's service provider.</param>
    /// <param name="receiver">The durable receiver.</param>
    public static IServiceProvider Services(IServiceProvider? services, DurableReceiver receiver) =>
        services ?? throw new InvalidOperationException(
            $"Receiver {receiver.Receiver} is durable, so a send stages a message for it, but the sender has no IServiceProvider. Resolve the sender from DI (services.AddSignals()).");

    /// <summary>
    /// Logs that a receiver was not run because a stored value no longer exists (a user deleted before the
    /// worker ran): the message counts as handled.
    /// </summary>
    /// <param name="services">The worker's service provider.</param>
    /// <param name="receiver">The durable receiver.</param>
    /// <param name="value">The name of the message's property that could not be loaded.</param>
    public static void Skipped(IServiceProvider services, DurableReceiver receiver, string value)
    {
        if (services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            loggers.CreateLogger("SignalGen.Durable").LogWarning(
                "Durable receiver {Receiver} was not run: its stored {Value} no longer exists.", receiver.Receiver, value);
        }
    }
}
