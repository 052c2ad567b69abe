using System.Collections.Generic;
using SignalGen.Contract;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits a schema's <c>Signal</c> enum and one <c>readonly record struct</c> per signal. Signals are
/// structs passed by <c>in</c>, so sending one allocates nothing.
/// </summary>
internal static class SignalTypesEmitter
{
    public static string Emit(SchemaModel schema)
    {
        var writer = SourceWriter.StartFile();
        WriteUsings(writer, schema);
        writer.Open("namespace " + schema.Namespace);
        writer.Block($$"""
            /// <summary>The signals declared in this schema, in declaration order.</summary>
            {{KnownNames.GeneratedCode}}
            public enum {{GeneratedNames.SignalEnum}}
            """);
        writer.Open();
        foreach (var signal in schema.Signals)
        {
            writer.Block($$"""
                /// <summary>{{Doc(signal)}}</summary>
                {{signal.Name}},
                """);
        }

        writer.Close();
        writer.Line();
        WriteSignalInterface(writer, schema);

        foreach (var signal in schema.Signals)
        {
            writer.Line();
            WriteSignalType(writer, schema, signal);
        }

        writer.Close();
        return writer.ToString();
    }

    /// <summary>The schema's usings, so argument types resolve exactly as the schema writes them.</summary>
    public static void WriteUsings(SourceWriter writer, SchemaModel schema)
    {
        foreach (var ns in schema.Usings)
        {
            writer.Line("using global::" + ns + ";");
        }

        if (!schema.Usings.IsEmpty)
        {
            writer.Line();
        }
    }

    /// <summary>
    /// The interface every signal struct implements, so a signal whose type is known only at run time
    /// (read from a queue, chosen from data) can be sent: the sender switches on <c>Kind</c>, a jump table,
    /// so the cost does not grow with the number of signals.
    /// </summary>
    private static void WriteSignalInterface(SourceWriter writer, SchemaModel schema)
    {
        writer.Block($$"""
            /// <summary>Any signal of this schema, for code that chooses the signal at run time: pass it to the sender's Send(ISignal) overloads. Implemented by the generated signal types only.</summary>
            {{KnownNames.GeneratedCode}}
            public interface {{GeneratedNames.SignalInterface}}
            {
                /// <summary>Which signal this is.</summary>
                {{schema.SignalEnumName}} Kind { get; }
            }
            """);
    }

    private static void WriteSignalType(SourceWriter writer, SchemaModel schema, SignalModel signal)
    {
        var typeParameters = signal.IsGeneric ? schema.TypeParameterList : string.Empty;
        var constraint = signal.IsGeneric ? schema.ConstraintClause : string.Empty;
        writer.Line($$"""/// <summary>{{Doc(signal)}}</summary>""");
        if (signal.IsInternal)
        {
            writer.Block($$"""
                /// <remarks>Internal signal: code outside the library that declares it must not rely on it.</remarks>
                [{{KnownNames.InternalSignalAttribute}}]
                """);
        }

        writer.Block($$"""
            {{KnownNames.GeneratedCode}}
            public readonly partial record struct {{signal.Name}}{{typeParameters}} : {{schema.SignalInterfaceName}}{{constraint}}
            """);
        writer.Open();

        var parameters = new List<string>();
        foreach (var argument in signal.Arguments)
        {
            parameters.Add(argument.TypeName + " " + Identifiers.Escape(argument.Name));
        }

        writer.Line($$"""/// <summary>Creates the <see cref="{{SourceWriter.Cref(signal.Name + typeParameters)}}"/> signal.</summary>""");
        foreach (var argument in signal.Arguments)
        {
            writer.Line($$"""/// <param name="{{argument.Name}}">The <c>{{argument.Name}}</c> argument.</param>""");
        }

        writer.Line($$"""public {{signal.Name}}({{string.Join(", ", parameters)}})""");
        writer.Open();
        foreach (var argument in signal.Arguments)
        {
            writer.Line($$"""this.{{argument.PropertyName}} = {{Identifiers.Escape(argument.Name)}};""");
        }

        writer.Close();
        foreach (var argument in signal.Arguments)
        {
            writer.Block($$"""

                /// <summary>The <c>{{argument.Name}}</c> argument.</summary>
                public {{argument.TypeName}} {{argument.PropertyName}} { get; }
                """);
        }

        // Explicit, so an argument named "kind" keeps its own Kind property.
        writer.Block($$"""

            {{schema.SignalEnumName}} {{schema.SignalInterfaceName}}.Kind => {{schema.SignalEnumName}}.{{signal.Name}};
            """);
        writer.Close();
    }

    /// <summary>The signal's doc comment, or a default one, escaped for a summary.</summary>
    private static string Doc(SignalModel signal) => SourceWriter.EscapeXml(signal.Doc ?? "The " + signal.Name + " signal.");
}
