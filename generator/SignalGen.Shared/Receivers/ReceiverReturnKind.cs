namespace SignalGen.Receivers;

/// <summary>What a receiver method returns.</summary>
internal enum ReceiverReturnKind
{
    Void,
    Task,
    ValueTask,
}
