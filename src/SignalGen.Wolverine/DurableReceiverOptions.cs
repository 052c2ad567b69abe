using System;
using System.Collections.Generic;

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
}
