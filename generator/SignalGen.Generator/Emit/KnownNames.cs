using System.Reflection;
using SignalGen.Contract;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Fully qualified names as the generated code writes them, so that no user type can shadow them. The
/// runtime library's names come from <see cref="RuntimeNames"/>, the one place they are spelt.
/// </summary>
internal static class KnownNames
{
    public const string GeneratorName = "SignalGen.Generator";

    /// <summary>
    /// The generator's version, as its package has it: the assembly's informational version (set from
    /// the build's Version) without the <c>+commit</c> metadata the SDK may append.
    /// </summary>
    public static readonly string GeneratorVersion = ReadVersion();

    public static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";
    public const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    public const string NoInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";
    public const string EditorBrowsableNever = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    public const string ServiceProvider = "global::System.IServiceProvider";
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Exception = "global::System.Exception";
    public const string Disposable = "global::System.IDisposable";

    public static readonly string SendResult = RuntimeNames.Global(RuntimeNames.SendResult);
    public static readonly string FailureCollector = RuntimeNames.Global(RuntimeNames.ReceiverFailureCollector);
    public static readonly string SignalDispatch = RuntimeNames.Global(RuntimeNames.SignalDispatch);
    public static readonly string DispatchTableSlot = RuntimeNames.Global(RuntimeNames.DispatchTableSlot);
    public static readonly string DispatchTableFactorySlot = RuntimeNames.Global(RuntimeNames.DispatchTableFactorySlot);
    public static readonly string SendObservation = RuntimeNames.Global(RuntimeNames.SendObservation);
    public static readonly string ConnectedReceivers = RuntimeNames.Global(RuntimeNames.ConnectedReceivers);
    public static readonly string DurableStaging = RuntimeNames.Global(RuntimeNames.DurableStaging);
    public static readonly string DurableStamp = RuntimeNames.Global(RuntimeNames.DurableStamp);
    public static readonly string DurableMessage = RuntimeNames.Global(RuntimeNames.DurableMessage);
    public static readonly string DurableDelivery = RuntimeNames.Global(RuntimeNames.DurableDelivery);
    public static readonly string DurableReceiverBase = RuntimeNames.Global(RuntimeNames.DurableReceiverBase);
    public static readonly string DurableReceiver = RuntimeNames.Global(RuntimeNames.DurableReceiver);

    // Attributes are written without their Attribute suffix, as C# allows.
    public static readonly string SignalSchemaAttribute = Attribute(RuntimeNames.SignalSchemaAttribute);
    public static readonly string ReceiverThunksAttribute = Attribute(RuntimeNames.ReceiverThunksAttribute);
    public static readonly string ReceiverThunkAttribute = Attribute(RuntimeNames.ReceiverThunkAttribute);
    public static readonly string InternalSignalAttribute = Attribute(RuntimeNames.InternalSignalAttribute);

    public const string GeneratedNamespace = GeneratedNames.PlumbingNamespace;

    private static string Attribute(string metadataName)
    {
        var name = RuntimeNames.Global(metadataName);
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static string ReadVersion()
    {
        var assembly = typeof(KnownNames).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var metadata = version.IndexOf('+');
        return metadata < 0 ? version : version.Substring(0, metadata);
    }
}
