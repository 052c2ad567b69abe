namespace SignalGen.Durable;

/// <summary>
/// A message the generator writes for one durable receiver: what the receiver binds, stored until a worker
/// runs it, and the <see cref="DurableStamp"/> every such message carries. Engines read the stamp through
/// this interface, never by reflection.
/// </summary>
public interface IDurableMessage
{
    /// <summary>The delivery's id, the trace it was staged in and when.</summary>
    DurableStamp Stamp { get; }
}
