namespace SignalGen.Generator.Emit;

/// <summary>Fully qualified names the generated code uses, so that no user type can shadow them.</summary>
internal static class KnownNames
{
    public const string GeneratorName = "SignalGen.Generator";
    public const string GeneratorVersion = "1.0.0";

    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";
    public const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    public const string NoInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";
    public const string EditorBrowsableNever = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    public const string ServiceProvider = "global::System.IServiceProvider";
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Exception = "global::System.Exception";
    public const string Disposable = "global::System.IDisposable";
    public const string SendResult = "global::SignalGen.SendResult";
    public const string FailureCollector = "global::SignalGen.Dispatch.ReceiverFailureCollector";
    public const string SignalDispatch = "global::SignalGen.Dispatch.SignalDispatch";
    public const string DispatchTableSlot = "global::SignalGen.Dispatch.DispatchTableSlot";
    public const string SendObservation = "global::SignalGen.Observability.SendObservation";
    public const string ConnectedReceivers = "global::SignalGen.Connecting.ConnectedReceivers";
    public const string InternalSignalAttribute = "global::SignalGen.Dispatch.InternalSignal";
    public const string GeneratedNamespace = "SignalGen.Generated";
}
