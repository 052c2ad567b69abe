using System.Collections.Generic;
using Microsoft.EntityFrameworkCore;
using SignalGen.Durable;
using Wolverine;
using Wolverine.Util;

namespace SignalGen.Wolverine;

/// <summary>
/// Registers every durable receiver <c>AddSignals()</c> put in the container with Wolverine, whenever the
/// application calls <c>UseWolverine</c>: a pre-canned handler per message type (no code generation, no
/// discovery), routed to a durable local queue (or where <see cref="DurableReceiverOptions.Route"/> says), under the
/// stored name the generator chose.
/// </summary>
internal sealed class DurableReceiversExtension<TContext>(IEnumerable<DurableReceiver> receivers, DurableReceiverOptions options)
    : IWolverineExtension, IDurableReceiverVisitor
    where TContext : DbContext
{
    private WolverineOptions? _wolverine;

    public void Configure(WolverineOptions options)
    {
        WolverineMessageNaming.InsertFirst<DurableMessageNaming>();
        _wolverine = options;
        foreach (var receiver in receivers)
        {
            receiver.Accept(this);
        }
    }

    public void Visit<TMessage>(DurableReceiver<TMessage> receiver)
        where TMessage : class, IDurableMessage
    {
        DurableMessageNaming.Add(typeof(TMessage), receiver.MessageName);
        _wolverine!.AddMessageHandler(new DurableReceiverMessageHandler<TMessage, TContext>(receiver, options));
        var publish = _wolverine.PublishMessage<TMessage>();
        if (options.Route is { } route)
        {
            route(publish);
        }
        else
        {
            publish.ToLocalQueue(options.QueueName).UseDurableInbox();
        }
    }
}
