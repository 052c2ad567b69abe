namespace SignalGen.Generator;

/// <summary>Names of the generator's pipeline steps, so tests can prove each one is cached.</summary>
internal static class TrackingNames
{
    public const string ParsedSchemas = nameof(ParsedSchemas);
    public const string LocalSchemas = nameof(LocalSchemas);
    public const string Project = nameof(Project);
    public const string References = nameof(References);
    public const string Schemas = nameof(Schemas);
    public const string ArgumentTypes = nameof(ArgumentTypes);
    public const string CheckedSchemas = nameof(CheckedSchemas);
    public const string UniqueLocalSchemas = nameof(UniqueLocalSchemas);
    public const string Receivers = nameof(Receivers);
    public const string GlobalUsings = nameof(GlobalUsings);
    public const string BoundReceivers = nameof(BoundReceivers);
    public const string UnknownSignals = nameof(UnknownSignals);
    public const string ReceiverFits = nameof(ReceiverFits);
    public const string CallableReceivers = nameof(CallableReceivers);
    public const string DispatchTables = nameof(DispatchTables);
    public const string ServiceRegistration = nameof(ServiceRegistration);
}
