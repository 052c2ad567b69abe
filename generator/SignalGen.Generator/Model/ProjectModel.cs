using SignalGen.Contract;

namespace SignalGen.Generator.Model;

/// <summary>The compilation's identity and role, as the generator needs it.</summary>
/// <param name="AssemblyName">The assembly being built.</param>
/// <param name="IsRoot">
/// True for the application (an executable, or <c>SignalGenDispatchRoot=true</c>): it gets the dispatch
/// table holding every receiver it can see, and <c>AddSignals()</c>.
/// </param>
internal sealed record ProjectModel(string AssemblyName, bool IsRoot)
{
    /// <summary>The assembly name made into an identifier, to keep generated public type names unique per assembly.</summary>
    public string IdentifierSuffix => Emit.SourceWriter.ToIdentifier(AssemblyName);

    /// <summary>The fully qualified name of this project's receiver thunk class.</summary>
    public string ThunksClassName => GeneratedNames.ReceiverThunksClassPrefix + IdentifierSuffix;

    /// <summary>The name of the class that holds this project's durable receivers.</summary>
    public string DurableReceiversClassName => GeneratedNames.DurableReceiversClassPrefix + IdentifierSuffix;
}
