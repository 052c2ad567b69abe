namespace SignalGen.Generator.Model;

/// <summary>What a receiver method returns.</summary>
internal enum ReceiverReturnKind
{
    Void,
    Task,
    ValueTask,
}
