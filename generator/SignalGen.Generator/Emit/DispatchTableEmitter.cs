using System.Collections.Generic;
using System.Globalization;
using SignalGen.Contract;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits a schema's dispatch table: for each signal, one direct call per receiver in the fixed order,
/// with no reflection, lookup, delegate or boxing, and a module initializer that installs it into the
/// schema's sender. Asynchronous sends run synchronously until a receiver really awaits; only then is
/// a continuation (and its state machine) created.
/// </summary>
internal static partial class DispatchTableEmitter
{
    public static string Emit(DispatchTableModel table)
    {
        var schema = table.Schema;
        var className = GeneratedNames.DispatchTableClassPrefix + SourceWriter.ToIdentifier(schema.Namespace);
        var isRoot = table.IsRoot ? "true" : "false";
        var install = schema.IsGeneric
            ? "global::" + schema.Namespace + "." + GeneratedNames.DispatchTables + ".InstallFactory(new " + className + "Factory(), isRoot: " + isRoot + ");"
            : schema.SenderName + ".InstallDispatchTable(new " + className + "(), isRoot: " + isRoot + ");";
        var writer = SourceWriter.StartFile();
        writer.Open("namespace " + KnownNames.GeneratedNamespace);

        // File-local types: no other file or assembly can see them, so two projects' tables never clash.
        writer.Block($$"""
            {{KnownNames.GeneratedCode}}
            file static class {{className}}Installer
            {
                [global::System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Install()
                {
                    {{install}}
                }
            }
            """);

        if (!schema.IsGeneric)
        {
            writer.Line();
            WriteTable(writer, schema, className, typeArgument: null, table.Entries);
        }
        else
        {
            WriteGenericTables(writer, schema, className, table.Entries);
        }

        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A generic schema gets a table per type argument its receivers name (those receivers plus the ones
    /// that work for any type argument), a table for every other type argument, and the factory that
    /// picks between them once per sender type.
    /// </summary>
    private static void WriteGenericTables(SourceWriter writer, SchemaModel schema, string className, EquatableArray<TableEntryModel> entries)
    {
        var parameter = schema.TypeParameter!.Name;
        var bound = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.TypeArgument is { } argument)
            {
                bound.Add(argument);
            }
        }

        writer.Line();
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("file sealed class " + className + "Factory : global::" + schema.Namespace + "." + GeneratedNames.DispatchTableFactory);
        writer.Line("private static readonly global::System.Type[] s_bound =");
        writer.Open();
        foreach (var argument in bound)
        {
            writer.Line("typeof(" + argument + "),");
        }

        writer.Close(";");
        writer.Line();
        writer.Line("public global::System.Collections.Generic.IReadOnlyList<global::System.Type> BoundTypeArguments => s_bound;");
        writer.Line();
        writer.Line("public " + schema.DispatchInterfaceName + " Create" + schema.TypeParameterList + "()" + schema.ConstraintClause);
        writer.Open();
        var index = 0;
        foreach (var argument in bound)
        {
            // The typeof test proves the cast; the JIT folds it per instantiation.
            writer.Line("if (typeof(" + parameter + ") == typeof(" + argument + "))");
            writer.Open();
            writer.Line("return (" + schema.DispatchInterfaceName + ")(object)new " + className + "_" + Count(index++) + "();");
            writer.Close();
            writer.Line();
        }

        writer.Line("return new " + className + "_Any<" + parameter + ">();");
        writer.Close();
        writer.Close();

        index = 0;
        foreach (var argument in bound)
        {
            writer.Line();
            WriteTable(writer, schema, className + "_" + Count(index++), argument, Select(entries, argument, argument));
        }

        writer.Line();
        WriteTable(writer, schema, className + "_Any<" + parameter + ">", parameter, Select(entries, boundTo: null, parameter));
    }

    /// <summary>
    /// The entries of the table for the type argument <paramref name="boundTo"/> (null: any other): the
    /// receivers bound to it and those that work for any, open generic thunks constructed with <paramref name="typeArgument"/>.
    /// </summary>
    private static EquatableArray<TableEntryModel> Select(EquatableArray<TableEntryModel> entries, string? boundTo, string typeArgument)
    {
        var selected = new List<TableEntryModel>();
        foreach (var entry in entries)
        {
            if (entry.TypeArgument is not null && entry.TypeArgument != boundTo)
            {
                continue;
            }

            selected.Add(entry.IsOpenGeneric ? entry with { Thunk = entry.Thunk + "<" + typeArgument + ">" } : entry);
        }

        return selected.ToEquatableArray();
    }

    private static void WriteTable(SourceWriter writer, SchemaModel schema, string className, string? typeArgument, EquatableArray<TableEntryModel> entries)
    {
        var isOpen = schema.IsGeneric && typeArgument == schema.TypeParameter!.Name;
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("file sealed class " + className + " : " + schema.DispatchInterfaceNameFor(typeArgument) + (isOpen ? schema.ConstraintClause : string.Empty));
        var bySignal = Group(entries);
        WriteCount(writer, schema, bySignal);
        foreach (var signal in schema.Signals)
        {
            var signalEntries = bySignal.TryGetValue(signal.Name, out var list) ? list : [];
            var type = schema.SignalTypeFor(signal, typeArgument);
            var signatures = new DispatchSignatures(schema, signal, typeArgument);
            WriteNames(writer, signal, signalEntries);
            WriteSend(writer, signatures, signalEntries);
            WriteSendRobust(writer, signal, signatures, signalEntries);
            WriteSendAsync(writer, signal, type, signatures, signalEntries);
            WriteSendRobustAsync(writer, signal, type, signatures, signalEntries);
            WriteSendPhases(writer, signal, type, signatures, signalEntries);
        }

        writer.Close();
    }

    private static Dictionary<string, List<TableEntryModel>> Group(EquatableArray<TableEntryModel> entries)
    {
        var groups = new Dictionary<string, List<TableEntryModel>>();
        foreach (var entry in entries)
        {
            if (!groups.TryGetValue(entry.SignalName, out var list))
            {
                groups[entry.SignalName] = list = [];
            }

            list.Add(entry);
        }

        return groups;
    }

    private static void WriteCount(SourceWriter writer, SchemaModel schema, Dictionary<string, List<TableEntryModel>> bySignal)
    {
        writer.Line("public int CountReceivers(" + schema.SignalEnumName + " signal) => signal switch");
        writer.Open();
        foreach (var signal in schema.Signals)
        {
            if (bySignal.TryGetValue(signal.Name, out var entries))
            {
                writer.Line(schema.SignalEnumName + "." + signal.Name + " => " + Count(entries.Count) + ",");
            }
        }

        writer.Line("_ => 0,");
        writer.Close(";");

        // Only a table with durable receivers replaces the interface's default (none).
        var durable = new List<string>();
        foreach (var signal in schema.Signals)
        {
            if (bySignal.TryGetValue(signal.Name, out var entries) && entries.FindAll(entry => entry.IsDurable) is { Count: > 0 } found)
            {
                durable.Add(schema.SignalEnumName + "." + signal.Name + " => " + Count(found.Count) + ",");
            }
        }

        if (durable.Count > 0)
        {
            writer.Line();
            writer.Line("public int CountDurableReceivers(" + schema.SignalEnumName + " signal) => signal switch");
            writer.Open();
            foreach (var line in durable)
            {
                writer.Line(line);
            }

            writer.Line("_ => 0,");
            writer.Close(";");
        }
    }

    private static void WriteNames(SourceWriter writer, SignalModel signal, List<TableEntryModel> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        writer.Line();
        writer.Line("private static readonly string[] s_" + signal.Name + "Receivers =");
        writer.Open();
        foreach (var entry in entries)
        {
            writer.Line(SourceWriter.Literal(entry.Receiver) + ",");
        }

        writer.Close(";");
    }

    private static void WriteSend(SourceWriter writer, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        writer.Block($$"""

            public {{signatures.Send}}
            """);
        writer.Open();
        foreach (var entry in entries)
        {
            writer.Line(SyncStatement(entry));
        }

        writer.Close();
    }

    private static void WriteSendRobust(SourceWriter writer, SignalModel signal, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        writer.Block($$"""

            public {{signatures.SendRobust}}
            """);
        writer.Open();
        if (entries.Count > 0)
        {
            writer.Line($$"""failures.AddReceivers({{Count(entries.Count)}});""");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            writer.Block($$"""
                try
                {
                    {{SyncStatement(entries[i])}}
                }
                catch ({{KnownNames.Exception}} exception)
                {
                    failures.Add(s_{{signal.Name}}Receivers[{{Count(i)}}], exception);
                }
                """);
        }

        writer.Close();
    }

    /// <summary>A receiver's call from a synchronous send: an async receiver is waited for.</summary>
    private static string SyncStatement(TableEntryModel entry)
    {
        var call = entry.Thunk + "(in signal, services, default)";
        return entry.IsAsync ? $$"""{{KnownNames.SignalDispatch}}.Wait({{call}});""" : call + ";";
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
