using System;
using System.Diagnostics;

namespace SignalGen.Durable;

/// <summary>What every durable message carries besides the receiver's values, set once when it is staged.</summary>
/// <param name="DeliveryId">
/// The delivery's id: a version 7 GUID, the same on every attempt, after a crash and on any machine
/// (see <see cref="DurableDelivery.Id"/>).
/// </param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the activity current when the message was staged, or null when there was
/// none, so the worker's activity can be linked to the send's.
/// </param>
/// <param name="StagedAt">When the message was staged (UTC).</param>
public readonly record struct DurableStamp(Guid DeliveryId, string? TraceParent, DateTimeOffset StagedAt)
{
    /// <summary>A stamp for a message staged now: a new id, the current activity's trace, the current time.</summary>
    public static DurableStamp New() =>
        new(Guid.CreateVersion7(), Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null, DateTimeOffset.UtcNow);
}
