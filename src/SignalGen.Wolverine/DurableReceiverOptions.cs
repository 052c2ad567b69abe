using System;
using System.Collections.Generic;
using Wolverine.Configuration;

namespace SignalGen.Wolverine;

/// <summary>How SignalGen's durable receivers run on Wolverine.</summary>
public sealed class DurableReceiverOptions
{
    /// <summary>
    /// The durable local queue the receivers' messages go through. Defaults to <c>signalgen</c>. Every
    /// message is stored in Wolverine's inbox before it is enqueued, so a crash loses none.
    /// </summary>
    public string QueueName { get; set; } = "signalgen";

    /// <summary>
    /// How long to wait before each retry of a receiver that threw. One attempt is made first, then one per
    /// entry; after the last the message moves to Wolverine's dead-letter store
    /// (<c>wolverine_dead_letters</c>), where it stays until it is replayed. Defaults to 1 s, 5 s and 30 s:
    /// four attempts in all.
    /// </summary>
    public IList<TimeSpan> RetryDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>
    /// Where each durable receiver's messages go. By default (null) to the durable local queue <see cref="QueueName"/>,
    /// which the process that staged a message runs. Set it to route them through a broker, so that every node
    /// takes a share, for example <c>publish =&gt; publish.ToRabbitQueue("signalgen").UseDurableOutbox()</c>
    /// (WolverineFx.RabbitMQ), and listen to that queue with a durable inbox in <c>UseWolverine</c>
    /// (<c>options.ListenToRabbitQueue("signalgen").UseDurableInbox()</c>).
    /// </summary>
    public Action<PublishingExpression>? Route { get; set; }
}
