using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SignalGen.Schema;

namespace SignalGen.Diagnostics;

/// <summary>
/// Every diagnostic SignalGen reports. IDs are stable and never reused: SGEN00xx for schema files,
/// SGEN01xx for receivers. Each has a page at docs/diagnostics/&lt;ID&gt;.md. Compiled into the generator
/// and the analyzers: the generator reports the mistakes that stop generation (every schema error, and
/// a receiver naming a signal its schema lacks), the analyzers the rest; docs/diagnostics/README.md
/// lists who reports which.
/// </summary>
internal static class SignalGenDiagnostics
{
    /// <summary>Where the diagnostic pages live; the ID and <c>.md</c> are appended.</summary>
    public const string HelpLinkBase = "https://github.com/signalgen/signalgen/blob/main/docs/diagnostics/";

    public const string SchemaCategory = "SignalGen.Schema";
    public const string ReceiversCategory = "SignalGen.Receivers";

    /// <summary>The property a diagnostic carries for its code fix: the suggested signal name.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>The property a diagnostic carries for its code fix: the argument's type, as C# would write it at the parameter.</summary>
    public const string ArgumentTypeProperty = "ArgumentType";

    /// <summary>The property a diagnostic carries for its code fix: the parameters that take every argument of the signal.</summary>
    public const string ParametersProperty = "Parameters";

    public static readonly DiagnosticDescriptor InvalidJson = Schema("SGEN0001", "Schema file is not valid JSON");
    public static readonly DiagnosticDescriptor UnknownField = Schema("SGEN0002", "Unknown field in schema file");
    public static readonly DiagnosticDescriptor MissingField = Schema("SGEN0003", "Required field missing from schema file");
    public static readonly DiagnosticDescriptor WrongValueType = Schema("SGEN0004", "Schema value has the wrong JSON type");
    public static readonly DiagnosticDescriptor DuplicateField = Schema("SGEN0005", "Field or using appears twice");
    public static readonly DiagnosticDescriptor DuplicateSignal = Schema("SGEN0006", "Signal declared twice");
    public static readonly DiagnosticDescriptor DuplicateArgument = Schema("SGEN0007", "Argument declared twice");
    public static readonly DiagnosticDescriptor InvalidName = Schema("SGEN0008", "Name is not usable in C#");
    public static readonly DiagnosticDescriptor InvalidTypeSyntax = Schema("SGEN0009", "Argument type is not C# type syntax SignalGen accepts");

    public static readonly DiagnosticDescriptor UnresolvedArgumentType = new(
        "SGEN0010",
        "Argument type does not resolve",
        "Type '{0}' of argument '{1}' of signal '{2}' {3}",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Argument types are resolved in the schema's namespace with its usings and the project's global usings, exactly where the generated signal type is written.",
        helpLinkUri: HelpLinkBase + "SGEN0010.md");

    public static readonly DiagnosticDescriptor InvalidMode = Schema("SGEN0011", "Unknown signal mode");

    public static readonly DiagnosticDescriptor DuplicateNamespace = new(
        "SGEN0012",
        "Schema namespace declared twice",
        "Namespace '{0}' is already declared by {1}; this schema is not generated",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Two schemas in one namespace would generate the same types, so only one is used.",
        helpLinkUri: HelpLinkBase + "SGEN0012.md");

    public static readonly DiagnosticDescriptor UnknownSignal = Receiver(
        "SGEN0101",
        "Unknown signal",
        "'{0}' is not a signal of {1}{2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnmatchedParameter = Receiver(
        "SGEN0102",
        "Receiver parameter matches no argument",
        "Parameter '{0}' matches no argument of {1}: a parameter is named like an argument ({2}), has the signal's type, or is a CancellationToken",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterTypeMismatch = Receiver(
        "SGEN0103",
        "Receiver parameter type does not fit its argument",
        "Parameter '{0}' is {1}, but argument '{0}' of {2} is {3}{4}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Receiver(
        "SGEN0104",
        "Receiver return type is not supported",
        "Receiver '{0}' returns {1}; a receiver returns void, Task or ValueTask",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AsyncVoidReceiver = Receiver(
        "SGEN0105",
        "Receiver is async void",
        "Receiver '{0}' is async void: its exceptions would crash the process instead of reaching the sender, and the sender cannot await it; return Task",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UncallableReceiver = Receiver(
        "SGEN0106",
        "Generated code cannot call this receiver",
        "Receiver '{0}' cannot be called by generated code: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateReceiverSignal = Receiver(
        "SGEN0107",
        "Same signal twice on one receiver",
        "Receiver '{0}' already receives {1}; this attribute is ignored",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InternalSignalOutsideAssembly = Receiver(
        "SGEN0108",
        "Receiver of an internal signal outside its assembly",
        "{0} is an internal signal of {1}: code outside that assembly must not rely on it, and it may change or stop being sent",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnstorableDurableParameter = Receiver(
        "SGEN0109",
        "Durable receiver binds a value that cannot be stored",
        "Receiver '{0}' is durable, so what it binds for {1} is stored until a worker runs it, but parameter '{2}' cannot be stored: {3}; {4}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DeliveryInNonDurableReceiver = Receiver(
        "SGEN0110",
        "DurableDelivery bound by a receiver that is not durable",
        "Parameter '{0}' takes a DurableDelivery, but receiver '{1}' runs in the send of {2}, not from a stored delivery; set Durable = true on its [Receiver] or remove the parameter",
        DiagnosticSeverity.Error);

    /// <summary>
    /// What the generator reports itself: every schema diagnostic, and SGEN0101 for a member name the
    /// schema's <c>Signal</c> lacks. The receiver analyzer reports the other SGEN0101 cases (a value that
    /// is no member of a generated <c>Signal</c> enum, a computed signal) and SGEN0102-SGEN0110.
    /// </summary>
    public static ImmutableArray<DiagnosticDescriptor> ReportedByGenerator { get; } = ImmutableArray.Create(
        InvalidJson,
        UnknownField,
        MissingField,
        WrongValueType,
        DuplicateField,
        DuplicateSignal,
        DuplicateArgument,
        InvalidName,
        InvalidTypeSyntax,
        UnresolvedArgumentType,
        InvalidMode,
        DuplicateNamespace,
        UnknownSignal);

    /// <summary>The descriptor for a schema reader error.</summary>
    /// <remarks>
    /// No default arm: a new <see cref="SchemaErrorKind"/> without its descriptor here is a compile error
    /// (CS8509, warnings are errors), never a silent fallback to another ID. CS8524 is only about values
    /// outside the enum's members, which the schema reader never makes.
    /// </remarks>
#pragma warning disable CS8524
    public static DiagnosticDescriptor For(SchemaErrorKind kind) => kind switch
    {
        SchemaErrorKind.InvalidJson => InvalidJson,
        SchemaErrorKind.UnknownField => UnknownField,
        SchemaErrorKind.MissingField => MissingField,
        SchemaErrorKind.WrongValueType => WrongValueType,
        SchemaErrorKind.DuplicateField => DuplicateField,
        SchemaErrorKind.DuplicateSignal => DuplicateSignal,
        SchemaErrorKind.DuplicateArgument => DuplicateArgument,
        SchemaErrorKind.InvalidName => InvalidName,
        SchemaErrorKind.InvalidType => InvalidTypeSyntax,
        SchemaErrorKind.InvalidMode => InvalidMode,
    };
#pragma warning restore CS8524

    // Schema reader errors carry their own full message; the descriptor gives ID, title and severity.
    private static DiagnosticDescriptor Schema(string id, string title) => new(
        id,
        title,
        "{0}",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Receiver(string id, string title, string message, DiagnosticSeverity severity) => new(
        id,
        title,
        message,
        ReceiversCategory,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");
}
