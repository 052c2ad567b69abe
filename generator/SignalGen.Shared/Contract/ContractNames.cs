namespace SignalGen.Contract;

/// <summary>
/// The runtime library's types (src/SignalGen) that generated code calls and that the generator and the
/// analyzers look up, as metadata names. Generated code writes them <c>global::</c>-qualified
/// (<see cref="Global"/>). A test checks that each resolves in SignalGen.dll, so renaming or moving a
/// runtime type without changing it here fails there, not in a user's build.
/// </summary>
internal static class RuntimeNames
{
    /// <summary><c>[Receiver(Signal.X)]</c>, on every receiver method.</summary>
    public const string ReceiverAttribute = "SignalGen.ReceiverAttribute";

    /// <summary>Names a schema's sender on the assembly that declares the schema.</summary>
    public const string SignalSchemaAttribute = "SignalGen.Dispatch.SignalSchemaAttribute";

    /// <summary>Names a project's receiver thunk class on its assembly.</summary>
    public const string ReceiverThunksAttribute = "SignalGen.Dispatch.ReceiverThunksAttribute";

    /// <summary>On each thunk: the receiver's name and order.</summary>
    public const string ReceiverThunkAttribute = "SignalGen.Dispatch.ReceiverThunkAttribute";

    /// <summary>On the type of a signal the schema marks <c>"internal"</c>.</summary>
    public const string InternalSignalAttribute = "SignalGen.Dispatch.InternalSignalAttribute";

    public const string SendResult = "SignalGen.SendResult";
    public const string ReceiverFailureCollector = "SignalGen.Dispatch.ReceiverFailureCollector";
    public const string SignalDispatch = "SignalGen.Dispatch.SignalDispatch";

    /// <summary>Generic: <c>DispatchTableSlot&lt;TTable&gt;</c>; the metadata name carries the arity.</summary>
    public const string DispatchTableSlot = "SignalGen.Dispatch.DispatchTableSlot`1";

    /// <summary>Generic: <c>DispatchTableFactorySlot&lt;TFactory&gt;</c>.</summary>
    public const string DispatchTableFactorySlot = "SignalGen.Dispatch.DispatchTableFactorySlot`1";

    public const string SendObservation = "SignalGen.Dispatch.SendObservation";

    /// <summary>Generic: <c>ConnectedReceivers&lt;TSignal&gt;</c>.</summary>
    public const string ConnectedReceivers = "SignalGen.Dispatch.ConnectedReceivers`1";

    /// <summary>What a durable receiver's thunk calls to stage its message.</summary>
    public const string DurableStaging = "SignalGen.Durable.DurableStaging";

    /// <summary>The stamp every durable message carries.</summary>
    public const string DurableStamp = "SignalGen.Durable.DurableStamp";

    /// <summary>The interface every durable message implements.</summary>
    public const string DurableMessage = "SignalGen.Durable.IDurableMessage";

    /// <summary>The delivery a durable receiver may bind.</summary>
    public const string DurableDelivery = "SignalGen.Durable.DurableDelivery";

    /// <summary>The base of a generated durable receiver, and what <c>AddSignals()</c> registers it as.</summary>
    public const string DurableReceiverBase = "SignalGen.Durable.DurableReceiver";

    /// <summary>Generic: <c>DurableReceiver&lt;TMessage&gt;</c>, what a generated durable receiver derives from.</summary>
    public const string DurableReceiver = "SignalGen.Durable.DurableReceiver`1";

    /// <summary>On an assembly: the stored form of a generic schema's type parameter in durable receivers' messages.</summary>
    public const string DurableStoredFormAttribute = "SignalGen.Durable.DurableStoredFormAttribute";

    /// <summary>Generic: <c>IStoredForm&lt;TSelf&gt;</c>, what a stored form implements.</summary>
    public const string StoredFormInterface = "SignalGen.Durable.IStoredForm`1";

    /// <summary>
    /// The name as generated code writes it: <c>global::</c>, and for a generic type without its arity
    /// (the caller appends the type arguments). For an attribute, the <c>Attribute</c> suffix is kept.
    /// </summary>
    public static string Global(string metadataName)
    {
        var tick = metadataName.IndexOf('`');
        return "global::" + (tick < 0 ? metadataName : metadataName.Substring(0, tick));
    }
}

/// <summary>
/// The names of what the generator declares. A schema may not use them for its signals (the schema
/// parser's reserved names are derived from here), and the analyzers and the reference reader find
/// generated code by them.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The enum of a schema's signals, in the schema's namespace.</summary>
    public const string SignalEnum = "Signal";

    /// <summary>The sender, in the schema's namespace.</summary>
    public const string Sender = "Signals";

    /// <summary>The interface every signal type of a schema implements.</summary>
    public const string SignalInterface = "ISignal";

    /// <summary>The interface of a schema's dispatch tables.</summary>
    public const string DispatchInterface = "ISignalDispatchTable";

    /// <summary>The table used until a generated one is installed.</summary>
    public const string EmptyDispatchTable = "EmptySignalDispatchTable";

    /// <summary>A generic schema's factory of dispatch tables, one per type argument.</summary>
    public const string DispatchTableFactory = "ISignalDispatchTableFactory";

    /// <summary>Where a generic schema's table factory is installed.</summary>
    public const string DispatchTables = "SignalDispatchTables";

    /// <summary>The namespace of the receiver thunks and the dispatch tables.</summary>
    public const string PlumbingNamespace = "SignalGen.Generated";

    /// <summary>A project's durable receivers' class: this prefix and the assembly name as an identifier.</summary>
    public const string DurableReceiversClassPrefix = "DurableReceivers_";

    /// <summary>A project's receiver thunk class: this prefix and the assembly name as an identifier.</summary>
    public const string ReceiverThunksClassPrefix = "ReceiverThunks_";

    /// <summary>A schema's dispatch table class: this prefix and the schema namespace as an identifier.</summary>
    public const string DispatchTableClassPrefix = "DispatchTable_";

    /// <summary>The class of the application's <c>AddSignals()</c>: this prefix and the assembly name as an identifier.</summary>
    public const string ServiceRegistrationClassPrefix = "SignalGenServiceCollectionExtensions_";

    /// <summary>
    /// The sender's own send methods. Each signal also gets a convenience send named <c>Send</c> and the
    /// signal's name (<c>SendUserLoggedIn</c>), so a signal named after what follows <c>Send</c> in one of
    /// these would collide with it.
    /// </summary>
    public const string Send = "Send";
    public const string SendRobust = "SendRobust";
    public const string SendAsync = "SendAsync";
    public const string SendRobustAsync = "SendRobustAsync";
    public const string SendRobustCore = "SendRobustCore";
    public const string SendRobustCoreAsync = "SendRobustCoreAsync";

    /// <summary>The types the generator declares in a schema's namespace (the last two only for a generic schema).</summary>
    public static readonly string[] SchemaNamespaceTypes =
    [
        SignalEnum, Sender, SignalInterface, DispatchInterface, EmptyDispatchTable, DispatchTableFactory, DispatchTables,
    ];

    /// <summary>The sender's own send methods (see <see cref="Send"/>).</summary>
    public static readonly string[] SenderSendMethods = [Send, SendRobust, SendAsync, SendRobustAsync, SendRobustCore, SendRobustCoreAsync];
}
