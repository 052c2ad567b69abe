using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Durable;

/// <summary>
/// Where a send stages the messages of durable receivers. An engine package (SignalGen.Wolverine) registers
/// it; the send resolves it from the sender's service provider.
/// </summary>
/// <remarks>
/// When the application has a database transaction open, the message is written in it and commits or rolls
/// back with the change that sent the signal; with none, the engine stores it on its own at once.
/// </remarks>
public interface IDurableReceiverOutbox
{
    /// <summary>Stores <paramref name="message"/> for <paramref name="receiver"/>, to run after the sender's change commits.</summary>
    /// <typeparam name="TMessage">The receiver's generated message type.</typeparam>
    /// <param name="message">What the receiver binds, with its stamp.</param>
    /// <param name="receiver">The durable receiver.</param>
    /// <param name="cancellationToken">The send's token.</param>
    ValueTask StageAsync<TMessage>(TMessage message, DurableReceiver<TMessage> receiver, CancellationToken cancellationToken)
        where TMessage : class, IDurableMessage;
}
