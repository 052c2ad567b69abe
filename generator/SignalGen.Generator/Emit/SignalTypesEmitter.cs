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

        writer.Summary("The signals declared in this schema, in declaration order.");
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public enum " + GeneratedNames.SignalEnum);
        foreach (var signal in schema.Signals)
        {
            writer.Summary(signal.Doc ?? "The " + signal.Name + " signal.");
            writer.Line(signal.Name + ",");
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
        writer.Summary("Any signal of this schema, for code that chooses the signal at run time: pass it to the sender's Send(ISignal) overloads. Implemented by the generated signal types only.");
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public interface " + GeneratedNames.SignalInterface);
        writer.Summary("Which signal this is.");
        writer.Line(schema.SignalEnumName + " Kind { get; }");
        writer.Close();
    }

    private static void WriteSignalType(SourceWriter writer, SchemaModel schema, SignalModel signal)
    {
        var typeParameters = signal.IsGeneric ? schema.TypeParameterList : string.Empty;
        var constraint = signal.IsGeneric ? schema.ConstraintClause : string.Empty;
        writer.Summary(signal.Doc ?? "The " + signal.Name + " signal.");
        if (signal.IsInternal)
        {
            writer.Line("/// <remarks>Internal signal: code outside the library that declares it must not rely on it.</remarks>");
            writer.Line("[" + KnownNames.InternalSignalAttribute + "]");
        }

        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public readonly partial record struct " + signal.Name + typeParameters + " : " + schema.SignalInterfaceName + constraint);

        var parameters = new List<string>();
        foreach (var argument in signal.Arguments)
        {
            parameters.Add(argument.TypeName + " " + Identifiers.Escape(argument.Name));
        }

        writer.Line("/// <summary>Creates the <see cref=\"" + SourceWriter.Cref(signal.Name + typeParameters) + "\"/> signal.</summary>");
        foreach (var argument in signal.Arguments)
        {
            writer.Line("/// <param name=\"" + argument.Name + "\">The <c>" + argument.Name + "</c> argument.</param>");
        }

        writer.Open("public " + signal.Name + "(" + string.Join(", ", parameters) + ")");
        foreach (var argument in signal.Arguments)
        {
            writer.Line("this." + argument.PropertyName + " = " + Identifiers.Escape(argument.Name) + ";");
        }

        writer.Close();
        foreach (var argument in signal.Arguments)
        {
            writer.Line();
            writer.Line("/// <summary>The <c>" + argument.Name + "</c> argument.</summary>");
            writer.Line("public " + argument.TypeName + " " + argument.PropertyName + " { get; }");
        }

        writer.Line();
        // Explicit, so an argument named "kind" keeps its own Kind property.
        writer.Line(schema.SignalEnumName + " " + schema.SignalInterfaceName + ".Kind => " + schema.SignalEnumName + "." + signal.Name + ";");
        writer.Close();
    }
}
