using System;
using System.Collections.Concurrent;
using Wolverine.Util;

namespace SignalGen.Wolverine;

/// <summary>
/// Gives each durable receiver's message type the stored name the generator chose
/// (<see cref="Durable.DurableReceiver.MessageName"/>) instead of its CLR name, so a message stored by one
/// build finds its receiver in the next. Wolverine's naming strategies are process-wide and created with
/// <c>new()</c>, so the names are too.
/// </summary>
internal sealed class DurableMessageNaming : IMessageTypeNaming
{
    private static readonly ConcurrentDictionary<Type, string> s_names = new();

    public static void Add(Type messageType, string name)
    {
        var stored = s_names.GetOrAdd(messageType, name);
        if (stored != name)
        {
            throw new InvalidOperationException($"Message type {messageType} is stored as '{stored}' and cannot also be '{name}'.");
        }
    }

    public bool TryDetermineName(Type messageType, out string messageTypeName) =>
        s_names.TryGetValue(messageType, out messageTypeName!);
}
