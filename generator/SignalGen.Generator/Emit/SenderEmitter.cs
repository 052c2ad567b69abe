using SignalGen.Contract;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits a schema's sender file: the dispatch contract types (<see cref="DispatchContractEmitter"/>),
/// then the sender, <c>Signals</c>. This part writes the sender's shell and its sends of a signal chosen
/// at run time; SenderEmitter.TypedSends.cs writes the sends of each signal's own type.
/// </summary>
internal static partial class SenderEmitter
{
    public static string Emit(SchemaModel schema)
    {
        var writer = SourceWriter.StartFile();
        SignalTypesEmitter.WriteUsings(writer, schema);
        var unboundSender = schema.IsGeneric ? "global::" + schema.Namespace + "." + GeneratedNames.Sender + "<>" : schema.SenderName;
        writer.Block($$"""
            [assembly: {{KnownNames.SignalSchemaAttribute}}(typeof({{unboundSender}}))]

            namespace {{schema.Namespace}}
            """);
        writer.Open();
        DispatchContractEmitter.Write(writer, schema);
        WriteSender(writer, schema);
        writer.Close();
        return writer.ToString();
    }

    private static void WriteSender(SourceWriter writer, SchemaModel schema)
    {
        writer.Block($$"""
            /// <summary>
            /// Sends the signals of <c>{{schema.Namespace}}</c> to their receivers: the compiled ones, in order, then those
            /// connected at run time. Resolve it from DI (<c>services.AddSignals()</c>) so instance receivers can be resolved.
            /// </summary>
            """);
        if (schema.IsGeneric)
        {
            var parameter = schema.TypeParameter!.Name;
            writer.Line($$"""/// <typeparam name="{{parameter}}">The type the application chooses for the schema's {{parameter}} (e.g. its user type).</typeparam>""");
        }

        writer.Block($$"""
            {{KnownNames.GeneratedCode}}
            public sealed partial class {{GeneratedNames.Sender}}{{schema.TypeParameterList}}{{schema.ConstraintClause}}
            """);
        writer.Open();
        var slot = KnownNames.DispatchTableSlot + "<" + schema.DispatchInterfaceName + ">";
        writer.Line(schema.IsGeneric
            ? $$"""private static readonly {{slot}} s_table = global::{{schema.Namespace}}.{{GeneratedNames.DispatchTables}}.CreateSlot<{{schema.TypeParameter!.Name}}>();"""
            : $$"""private static readonly {{slot}} s_table = new {{slot}}(global::{{schema.Namespace}}.{{GeneratedNames.EmptyDispatchTable}}.Instance);""");

        writer.Block($$"""

            // Nothing replaces the application's (root) table once it is installed, and its module initializer
            // installs it before the first send, so sends read it from a static readonly field: the tier-1 JIT
            // knows the field's value and its exact type, and calls the table's methods directly, with no type
            // check. A send before any root table exists leaves the field null; sends then use the slot.
            private static class RootDispatchTable
            {
                internal static readonly {{schema.DispatchInterfaceName}}? Instance = s_table.Root;
            }

            private readonly {{KnownNames.ServiceProvider}}? _services;

            /// <summary>Creates a sender whose instance receivers are resolved from services (none: only static and connected receivers can run).</summary>
            /// <param name="services">The provider instance receivers are resolved from; in ASP.NET Core, the request's.</param>
            public {{GeneratedNames.Sender}}({{KnownNames.ServiceProvider}}? services = null)
            {
                _services = services;
            }

            """);
        if (!schema.IsGeneric)
        {
            writer.Block($$"""
                /// <summary>Installs a generated dispatch table. Called by generated module initializers.</summary>
                {{KnownNames.EditorBrowsableNever}}
                public static bool InstallDispatchTable({{schema.DispatchInterfaceName}} table, bool isRoot) => s_table.Install(table, isRoot);

                """);
        }

        WriteHasReceivers(writer, schema);
        WriteRunTimeSends(writer, schema);
        WriteObservationHelpers(writer, schema);
        foreach (var signal in schema.Signals)
        {
            WriteSignalMembers(writer, schema, signal);
        }

        writer.Block($$"""

            private async {{KnownNames.ValueTask}}<{{KnownNames.SendResult}}> CompleteRobustAsync({{KnownNames.ValueTask}}<{{KnownNames.FailureCollector}}> pending, string signal, bool log)
            {
                var failures = await pending.ConfigureAwait(false);
                return failures.Complete(signal, _services, log);
            }
            """);
        writer.Close();
    }

    private static void WriteHasReceivers(SourceWriter writer, SchemaModel schema)
    {
        writer.Block($$"""
            /// <summary>Whether the signal has any receiver, compiled or connected: skip building costly arguments when it has none.</summary>
            public static bool HasReceivers({{schema.SignalEnumName}} signal)
            """);
        writer.Open();
        writer.Block("""
            if (s_table.Current.CountReceivers(signal) != 0)
            {
                return true;
            }

            switch (signal)
            """);
        writer.Open();
        foreach (var signal in schema.Signals)
        {
            writer.Line($$"""case {{schema.SignalEnumName}}.{{signal.Name}}: return !{{Connected(schema, signal)}}.IsEmpty;""");
        }

        writer.Line("default: return false;");
        writer.Close();
        writer.Close();
        writer.Block($$"""

            /// <summary>Whether the application has durable receivers of the signal: a flow of the schema's own assembly then stages them in its transaction (StageDurableAsync) before it commits.</summary>
            internal static bool HasDurableReceivers({{schema.SignalEnumName}} signal) => s_table.Current.CountDurableReceivers(signal) != 0;
            """);
    }

    /// <summary>
    /// Send, SendAsync, SendRobust and SendRobustAsync of a signal chosen at run time: a switch on its kind
    /// (a jump table, so the cost is the same for every signal of any schema), an unbox, then the typed send.
    /// </summary>
    private static void WriteRunTimeSends(SourceWriter writer, SchemaModel schema)
    {
        const string Failures = "How many receivers ran and which failed.";
        WriteRunTimeSend(writer, schema, "void", "Send", takesToken: false, "Sends a signal chosen at run time: the same as the typed Send of its type.", null);
        WriteRunTimeSend(writer, schema, KnownNames.SendResult, "SendRobust", takesToken: false, "Sends a signal chosen at run time to every receiver: the same as the typed SendRobust of its type.", Failures);
        WriteRunTimeSend(writer, schema, KnownNames.ValueTask, "SendAsync", takesToken: true, "Sends a signal chosen at run time, awaiting receivers in order: the same as the typed SendAsync of its type.", null);
        WriteRunTimeSend(writer, schema, KnownNames.ValueTask + "<" + KnownNames.SendResult + ">", "SendRobustAsync", takesToken: true, "Sends a signal chosen at run time to every receiver, awaiting them in order: the same as the typed SendRobustAsync of its type.", Failures);
    }

    private static void WriteRunTimeSend(SourceWriter writer, SchemaModel schema, string returnType, string method, bool takesToken, string summary, string? returns)
    {
        var parameters = schema.SignalInterfaceName + " signal" + (takesToken ? ", " + KnownNames.CancellationToken + " cancellationToken" : string.Empty);
        var tokenArgument = takesToken ? ", cancellationToken" : string.Empty;
        var sender = "typeof(" + GeneratedNames.Sender + schema.TypeParameterList + ")";

        writer.Line();
        writer.Summary(summary);
        writer.Line($$"""/// <param name="signal">Any signal struct of this schema, boxed as <see cref="{{SourceWriter.Cref(schema.SignalInterfaceName)}}"/>.</param>""");
        if (takesToken)
        {
            writer.Line("""/// <param name="cancellationToken">Passed to receivers that take a token.</param>""");
        }

        if (returns is not null)
        {
            writer.Line("/// <returns>" + returns + "</returns>");
        }

        writer.Block($$"""
            /// <exception cref="global::System.ArgumentException">The signal is not one this sender can send.</exception>
            public {{returnType}} {{method}}({{parameters}}{{(takesToken ? " = default" : string.Empty)}})
            """);
        writer.Open();
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(signal);");
        writer.Open("switch (signal.Kind)");
        foreach (var signal in schema.Signals)
        {
            var call = BoxedName(method, signal) + "(signal" + tokenArgument + ")";
            writer.Block(returnType != "void"
                ? $$"""
                    case {{schema.SignalEnumName}}.{{signal.Name}}:
                        return {{call}};
                    """
                : $$"""
                    case {{schema.SignalEnumName}}.{{signal.Name}}:
                        {{call}};
                        return;
                    """);
        }

        writer.Block($$"""
            default:
                throw {{KnownNames.SignalDispatch}}.NotSendable(signal, {{sender}});
            """);
        writer.Close();
        writer.Close();

        // One small method per signal, never inlined into the switch: with every typed send inlined into it,
        // the switch of a 400-signal schema grew past what the JIT optimizes and ran 20 times slower than the
        // typed send (measured); kept apart, the switch stays a jump table of calls whatever the schema's size.
        foreach (var signal in schema.Signals)
        {
            var unboxed = KnownNames.SignalDispatch + ".Unbox<" + SignalType(schema, signal) + ">(signal, " + sender + ")";
            writer.Block($$"""

                {{KnownNames.NoInlining}}
                private {{returnType}} {{BoxedName(method, signal)}}({{parameters}}) => {{method}}({{unboxed}}{{tokenArgument}});
                """);
        }
    }

    // "Boxed" + the send method + "_" + the signal: no name a signal can give a convenience send (they start
    // with "Send"), and the underscore keeps the four send methods' names apart whatever the signal names.
    private static string BoxedName(string method, SignalModel signal) => "Boxed" + method + "_" + signal.Name;

    /// <summary>What every observed send starts with, and the receiver count an observation reports.</summary>
    private static void WriteObservationHelpers(SourceWriter writer, SchemaModel schema)
    {
        var schemaName = SourceWriter.Literal(schema.Namespace);
        writer.Block($$"""

            private static {{KnownNames.SendObservation}}? Observe<TObserved>(in TObserved signal, string name, {{schema.SignalEnumName}} kind, string operation)
            {
                {{KnownNames.SendObservation}}.Record(in signal, {{schemaName}}, name);
                return {{KnownNames.SendObservation}}.IsListenedTo ? {{KnownNames.SendObservation}}.Start({{schemaName}}, name, operation, CountReceivers(kind)) : null;
            }

            private static int CountReceivers({{schema.SignalEnumName}} signal)
            """);
        writer.Open();
        writer.Open("var connected = signal switch");
        foreach (var signal in schema.Signals)
        {
            writer.Line($$"""{{schema.SignalEnumName}}.{{signal.Name}} => {{Connected(schema, signal)}}.Count,""");
        }

        writer.Line("_ => 0,");
        writer.Close(";");
        writer.Line("return s_table.Current.CountReceivers(signal) + connected;");
        writer.Close();
    }

    public static string SignalType(SchemaModel schema, SignalModel signal) => schema.SignalTypeFor(signal, null);

    /// <summary>The signal's run-time receivers: a static list per signal type, so a send's check is one load.</summary>
    private static string Connected(SchemaModel schema, SignalModel signal) => KnownNames.ConnectedReceivers + "<" + SignalType(schema, signal) + ">";
}
