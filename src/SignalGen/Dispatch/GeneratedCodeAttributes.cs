using System;
using System.ComponentModel;

namespace SignalGen.Dispatch;

/// <summary>
/// Generated on an assembly that declares a schema: names the schema's sender so that projects
/// referencing the assembly find the schema's signals without reading the JSON again.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class SignalSchemaAttribute(Type sender) : Attribute
{
    /// <summary>The generated sender class of the schema.</summary>
    public Type Sender { get; } = sender;
}

/// <summary>
/// Generated on an assembly that declares receivers: names the class holding one public call-through
/// ("thunk") per receiver, which the application's dispatch table calls directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ReceiverThunksAttribute(Type thunks) : Attribute
{
    /// <summary>The generated class holding the receiver thunks.</summary>
    public Type Thunks { get; } = thunks;
}

/// <summary>Generated on each receiver thunk: who it calls and where it sorts.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReceiverThunkAttribute(string receiver, int order) : Attribute
{
    /// <summary>The receiver's fully qualified name, also its tie-break key.</summary>
    public string Receiver { get; } = receiver;

    /// <summary>The receiver's <see cref="ReceiverAttribute.Order"/>.</summary>
    public int Order { get; } = order;

    /// <summary>True when the thunk stages a durable receiver's message instead of calling it (<see cref="ReceiverAttribute.Durable"/>).</summary>
    public bool Durable { get; set; }
}

/// <summary>
/// Generated on the signal type of a signal the schema marks <c>"internal"</c>: code outside the
/// declaring assembly must not rely on it, and the analyzers warn when a receiver there does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Struct)]
public sealed class InternalSignalAttribute : Attribute
{
}
