using SignalGen.Contract;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits the types between a schema's sender and its generated tables, into the sender's file: the
/// dispatch interface the tables implement, for a generic schema the factory interface and where a
/// factory is installed, and the empty table used until one is.
/// </summary>
internal static class DispatchContractEmitter
{
    /// <summary>Writes the contract types, each followed by a blank line.</summary>
    public static void Write(SourceWriter writer, SchemaModel schema)
    {
        WriteInterface(writer, schema);
        writer.Line();
        if (schema.IsGeneric)
        {
            WriteFactory(writer, schema);
            writer.Line();
        }

        WriteEmptyTable(writer, schema);
        writer.Line();
    }

    private static void WriteInterface(SourceWriter writer, SchemaModel schema)
    {
        writer.Block($$"""
            /// <summary>A dispatch table: the compiled calls to every receiver of this schema's signals. Implemented by generated code only.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public interface {{GeneratedNames.DispatchInterface}}{{schema.TypeParameterList}}{{schema.ConstraintClause}}
            """);
        writer.Open();
        writer.Block($$"""
            /// <summary>How many compiled receivers the signal has.</summary>
            int CountReceivers({{schema.SignalEnumName}} signal);

            /// <summary>How many of them are durable: their thunks stage a message instead of calling the receiver.</summary>
            int CountDurableReceivers({{schema.SignalEnumName}} signal) => 0;
            """);
        foreach (var signal in schema.Signals)
        {
            var signatures = new DispatchSignatures(schema, signal);
            writer.Block($$"""

                /// <summary>Calls every receiver of {{signal.Name}} in order; the first exception propagates.</summary>
                {{signatures.Send}};
                /// <summary>Calls every receiver of {{signal.Name}} in order, recording failures.</summary>
                {{signatures.SendRobust}};
                /// <summary>Awaits every receiver of {{signal.Name}} in order; the first exception propagates.</summary>
                {{signatures.SendAsync}};
                /// <summary>Awaits every receiver of {{signal.Name}} in order, recording failures.</summary>
                {{signatures.SendRobustAsync}};
                /// <summary>The first phase of SendAsync for a flow that commits between them: stages the messages of {{signal.Name}}'s durable receivers, in order.</summary>
                {{signatures.StageDurableAsync}} => default;
                /// <summary>The second phase: awaits every receiver of {{signal.Name}} that is not durable, in order; the first exception propagates.</summary>
                {{signatures.SendInProcessAsync}} => SendAsync(in signal, services, cancellationToken);
                """);
        }

        writer.Close();
    }

    /// <summary>
    /// A generic schema has a sender per type argument. The application's generated factory makes each
    /// one's table: a table compiled for a type argument its receivers name, or one holding only the
    /// receivers that work for any type argument.
    /// </summary>
    private static void WriteFactory(SourceWriter writer, SchemaModel schema)
    {
        var parameter = schema.TypeParameter!.Name;
        var table = schema.DispatchInterfaceName;
        var factory = "global::" + schema.Namespace + "." + GeneratedNames.DispatchTableFactory;
        var factorySlot = KnownNames.DispatchTableFactorySlot + "<" + factory + ">";
        var tableSlot = KnownNames.DispatchTableSlot + "<" + table + ">";
        var emptyTable = "global::" + schema.Namespace + "." + GeneratedNames.EmptyDispatchTable + "<" + parameter + ">";
        writer.Block($$"""
            /// <summary>Makes the dispatch table of each type argument's sender. Implemented by generated code only.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public interface {{GeneratedNames.DispatchTableFactory}}
            {
                /// <summary>The table for the sender of {{parameter}}.</summary>
                /// <typeparam name="{{parameter}}">The sender's type argument.</typeparam>
                {{table}} Create<{{parameter}}>(){{schema.ConstraintClause}};

                /// <summary>The types this application's receivers declare for {{parameter}}, in ordinal order of their names.</summary>
                global::System.Collections.Generic.IReadOnlyList<global::System.Type> BoundTypeArguments { get; }
            }

            /// <summary>Where the generated factory of this schema's dispatch tables is installed. Generated plumbing.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public static class {{GeneratedNames.DispatchTables}}
            {
                private static readonly {{factorySlot}} s_factories = new {{factorySlot}}();

                /// <summary>Installs a generated factory. Called by generated module initializers.</summary>
                public static bool InstallFactory({{factory}} factory, bool isRoot) => s_factories.Install(factory, isRoot);

                /// <summary>The types the installed factory's receivers declare for {{parameter}} (none when no factory is installed): a sender for any other type calls only the receivers that work for every type.</summary>
                public static global::System.Collections.Generic.IReadOnlyList<global::System.Type> BoundTypeArguments => s_factories.Current?.BoundTypeArguments ?? global::System.Array.Empty<global::System.Type>();

                internal static {{tableSlot}} CreateSlot<{{parameter}}>(){{schema.ConstraintClause}}
                {
                    var slot = new {{tableSlot}}({{emptyTable}}.Instance);
                    s_factories.Attach((factory, isRoot) => slot.Install(factory.Create<{{parameter}}>(), isRoot));
                    return slot;
                }
            }
            """);
    }

    private static void WriteEmptyTable(SourceWriter writer, SchemaModel schema)
    {
        var emptyTable = GeneratedNames.EmptyDispatchTable + schema.TypeParameterList;
        writer.Block($$"""
            /// <summary>The table with no receivers, used until a generated table is installed.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public sealed class {{emptyTable}} : {{schema.DispatchInterfaceName}}{{schema.ConstraintClause}}
            """);
        writer.Open();
        writer.Block($$"""
            /// <summary>The one instance.</summary>
            public static readonly {{emptyTable}} Instance = new {{emptyTable}}();

            private {{GeneratedNames.EmptyDispatchTable}}() { }

            /// <inheritdoc/>
            public int CountReceivers({{schema.SignalEnumName}} signal) => 0;
            """);
        foreach (var signal in schema.Signals)
        {
            var signatures = new DispatchSignatures(schema, signal);
            writer.Block($$"""

                /// <inheritdoc/>
                public {{signatures.Send}} { }
                /// <inheritdoc/>
                public {{signatures.SendRobust}} { }
                /// <inheritdoc/>
                public {{signatures.SendAsync}} => default;
                /// <inheritdoc/>
                public {{signatures.SendRobustAsync}} => new {{DispatchSignatures.RobustResult}}(failures);
                """);
        }

        writer.Close();
    }
}
