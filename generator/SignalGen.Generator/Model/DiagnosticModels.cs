using SignalGen.Incremental;

namespace SignalGen.Generator.Model;

// Mistakes the generator reports itself, as plain data: no Location or Diagnostic is kept in a model,
// so these compare by value and the steps that produce them cache like any other. Where a mistake is
// written is looked up only when it is reported (Reporting/GeneratorDiagnostics), so an edit that merely
// moves text does not change them.

/// <summary>An argument type of a local schema that the generated signal type could not use (SGEN0010).</summary>
/// <param name="Path">The schema file.</param>
/// <param name="Namespace">The schema's namespace.</param>
/// <param name="Signal">The signal, which is therefore not generated.</param>
/// <param name="Argument">The argument.</param>
/// <param name="TypeName">The type as written.</param>
/// <param name="Problem">What is wrong, as the end of the sentence "Type 'X' of argument 'a' of signal 'S' ...".</param>
internal sealed record ArgumentTypeProblemModel(string Path, string Namespace, string Signal, string Argument, string TypeName, string Problem);

/// <summary>A schema file that is not generated because another schema declares its namespace (SGEN0012).</summary>
/// <param name="Path">The schema file left out.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Owner">Who keeps the namespace: "the schema PATH" or "the referenced assembly NAME".</param>
internal sealed record DroppedSchemaModel(string Path, string Namespace, string Owner);

/// <summary>What the generator reports about its schemas beyond the reader's own errors.</summary>
/// <param name="Dropped">Schema files left out for a namespace clash.</param>
/// <param name="ArgumentTypes">Argument types that cannot be used.</param>
internal sealed record SchemaReportModel(EquatableArray<DroppedSchemaModel> Dropped, EquatableArray<ArgumentTypeProblemModel> ArgumentTypes)
{
    public bool IsEmpty => Dropped.IsEmpty && ArgumentTypes.IsEmpty;
}

/// <summary>A <c>[Receiver(Signal.X)]</c> whose schema has no signal X (SGEN0101).</summary>
/// <param name="FilePath">The receiver's source file.</param>
/// <param name="MethodName">The receiver method, to find the attribute in the file.</param>
/// <param name="Written">The member name as written.</param>
/// <param name="SchemaNamespace">The schema the enum belongs to.</param>
/// <param name="Suggestion">The closest signal name, or null.</param>
internal sealed record UnknownSignalModel(string FilePath, string MethodName, string Written, string SchemaNamespace, string? Suggestion);
