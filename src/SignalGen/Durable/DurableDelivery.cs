using System;

namespace SignalGen.Durable;

/// <summary>
/// What a durable receiver can know about the delivery it is running for. Declare a parameter of this type
/// on a receiver marked <c>Durable = true</c> to get it.
/// </summary>
/// <param name="Id">
/// The delivery's id, set when the message was staged and the same on every attempt, after a crash and on
/// any machine. A receiver whose work is not a write to the application's own database (a mail, an HTTP
/// call) is called at least once, and deduplicates on this id.
/// </param>
/// <param name="Attempt">1 for the first attempt, then 2, 3, ... for retries.</param>
/// <param name="StagedAt">When the sender staged the message (UTC).</param>
public readonly record struct DurableDelivery(Guid Id, int Attempt, DateTimeOffset StagedAt);
