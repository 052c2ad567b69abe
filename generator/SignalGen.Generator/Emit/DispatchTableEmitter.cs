// Over 400 lines: the four send paths (sync, robust, async, robust async) of every table, generic
// schemas included. This file is due to be rewritten with the other emitters (tracked separately); until
// then it changes only where a name moves to SignalGen.Shared/Contract/ContractNames.cs.
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
internal static class DispatchTableEmitter
{
    public static string Emit(DispatchTableModel table)
    {
        var schema = table.Schema;
        var className = GeneratedNames.DispatchTableClassPrefix + SourceWriter.ToIdentifier(schema.Namespace);
        var isRoot = table.IsRoot ? "true" : "false";
        var writer = SourceWriter.StartFile();
        writer.Open("namespace " + KnownNames.GeneratedNamespace);

        // File-local types: no other file or assembly can see them, so two projects' tables never clash.
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("file static class " + className + "Installer");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Open("internal static void Install()");
        writer.Line(schema.IsGeneric
            ? "global::" + schema.Namespace + "." + GeneratedNames.DispatchTables + ".InstallFactory(new " + className + "Factory(), isRoot: " + isRoot + ");"
            : schema.SenderName + ".InstallDispatchTable(new " + className + "(), isRoot: " + isRoot + ");");
        writer.Close();
        writer.Close();

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
        writer.Line();
        writer.Open("public " + signatures.Send);
        foreach (var entry in entries)
        {
            var call = entry.Thunk + "(in signal, services, default)";
            writer.Line(entry.IsAsync ? KnownNames.SignalDispatch + ".Wait(" + call + ");" : call + ";");
        }

        writer.Close();
    }

    private static void WriteSendRobust(SourceWriter writer, SignalModel signal, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        writer.Line();
        writer.Open("public " + signatures.SendRobust);
        if (entries.Count > 0)
        {
            writer.Line("failures.AddReceivers(" + Count(entries.Count) + ");");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var call = entries[i].Thunk + "(in signal, services, default)";
            writer.Open("try");
            writer.Line(entries[i].IsAsync ? KnownNames.SignalDispatch + ".Wait(" + call + ");" : call + ";");
            writer.Close();
            writer.Open("catch (" + KnownNames.Exception + " exception)");
            writer.Line("failures.Add(s_" + signal.Name + "Receivers[" + Count(i) + "], exception);");
            writer.Close();
        }

        writer.Close();
    }

    private static void WriteSendAsync(SourceWriter writer, SignalModel signal, string type, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        writer.Line();
        writer.Open("public " + signatures.SendAsync);
        if (!HasAsync(entries))
        {
            // Only synchronous receivers: nothing can be pending, so no continuation is needed.
            writer.Open("try");
            for (var i = 0; i < entries.Count; i++)
            {
                WriteCancellationCheck(writer, i, KnownNames.ValueTask);
                writer.Line(entries[i].Thunk + "(in signal, services, cancellationToken);");
            }

            writer.Line("return default;");
            writer.Close();
            WriteFaultedReturn(writer, KnownNames.ValueTask);
            writer.Close();
            return;
        }

        var continuation = "Continue" + signal.Name + "Async";
        writer.Open("try");
        writer.Line(KnownNames.ValueTask + " pending;");
        for (var i = 0; i < entries.Count; i++)
        {
            WriteCancellationCheck(writer, i, KnownNames.ValueTask);
            if (!entries[i].IsAsync)
            {
                writer.Line(entries[i].Thunk + "(in signal, services, cancellationToken);");
                continue;
            }

            writer.Line("pending = " + entries[i].Thunk + "(in signal, services, cancellationToken);");
            writer.Line("if (!pending.IsCompletedSuccessfully)");
            writer.Open();
            writer.Line("return " + continuation + "(pending, signal, services, cancellationToken, " + Count(i + 1) + ");");
            writer.Close();
            writer.Line("pending.GetAwaiter().GetResult();");
        }

        writer.Line("return default;");
        writer.Close();
        WriteFaultedReturn(writer, KnownNames.ValueTask);
        writer.Close();

        writer.Line();
        writer.Open("private static async " + KnownNames.ValueTask + " " + continuation + "(" + KnownNames.ValueTask + " pending, " + type + " signal, " + KnownNames.ServiceProvider + "? services, " + KnownNames.CancellationToken + " cancellationToken, int next)");
        writer.Line("await pending.ConfigureAwait(false);");

        // The continuation starts after the first async receiver at the earliest: nothing before it can be pending.
        for (var i = FirstAsync(entries) + 1; i < entries.Count; i++)
        {
            writer.Line("if (next <= " + Count(i) + ")");
            writer.Open();
            writer.Line("cancellationToken.ThrowIfCancellationRequested();");
            var call = entries[i].Thunk + "(in signal, services, cancellationToken)";
            writer.Line(entries[i].IsAsync ? "await " + call + ".ConfigureAwait(false);" : call + ";");
            writer.Close();
        }

        writer.Close();
    }

    private static void WriteSendRobustAsync(SourceWriter writer, SignalModel signal, string type, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        var result = DispatchSignatures.RobustResult;
        var names = "s_" + signal.Name + "Receivers";
        writer.Line();
        writer.Open("public " + signatures.SendRobustAsync);
        if (entries.Count == 0)
        {
            writer.Line("return new " + result + "(failures);");
            writer.Close();
            return;
        }

        var continuation = "ContinueRobust" + signal.Name + "Async";
        writer.Line("failures.AddReceivers(" + Count(entries.Count) + ");");
        writer.Open("try");
        if (HasAsync(entries))
        {
            writer.Line(KnownNames.ValueTask + " pending;");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var call = entries[i].Thunk + "(in signal, services, cancellationToken)";
            WriteCancellationCheck(writer, i, result);
            if (!entries[i].IsAsync)
            {
                WriteRobustCall(writer, call + ";", names, i);
                continue;
            }

            writer.Open("try");
            writer.Line("pending = " + call + ";");
            writer.Close();
            writer.Open("catch (" + KnownNames.Exception + " exception) when (" + KnownNames.SignalDispatch + ".IsFailure(exception, cancellationToken))");
            writer.Line("failures.Add(" + names + "[" + Count(i) + "], exception);");
            writer.Line("pending = default;");
            writer.Close();
            writer.Line("if (!pending.IsCompletedSuccessfully)");
            writer.Open();
            writer.Line("return " + continuation + "(pending, signal, services, failures, cancellationToken, " + Count(i) + ");");
            writer.Close();
            writer.Line("pending.GetAwaiter().GetResult();");
        }

        writer.Line("return new " + result + "(failures);");
        writer.Close();
        WriteFaultedReturn(writer, result);
        writer.Close();

        if (!HasAsync(entries))
        {
            return;
        }

        writer.Line();
        writer.Open("private static async " + result + " " + continuation + "(" + KnownNames.ValueTask + " pending, " + type + " signal, " + KnownNames.ServiceProvider + "? services, " + KnownNames.FailureCollector + " failures, " + KnownNames.CancellationToken + " cancellationToken, int pendingIndex)");
        WriteRobustCall(writer, "await pending.ConfigureAwait(false);", names, index: null);
        for (var i = FirstAsync(entries) + 1; i < entries.Count; i++)
        {
            var call = entries[i].Thunk + "(in signal, services, cancellationToken)";
            writer.Line("if (pendingIndex < " + Count(i) + ")");
            writer.Open();
            writer.Line("cancellationToken.ThrowIfCancellationRequested();");
            WriteRobustCall(writer, entries[i].IsAsync ? "await " + call + ".ConfigureAwait(false);" : call + ";", names, i);
            writer.Close();
        }

        writer.Line("return failures;");
        writer.Close();
    }

    private static void WriteRobustCall(SourceWriter writer, string statement, string names, int? index)
    {
        writer.Open("try");
        writer.Line(statement);
        writer.Close();
        writer.Open("catch (" + KnownNames.Exception + " exception) when (" + KnownNames.SignalDispatch + ".IsFailure(exception, cancellationToken))");
        writer.Line("failures.Add(" + names + "[" + (index is { } i ? Count(i) : "pendingIndex") + "], exception);");
        writer.Close();
    }

    /// <summary>
    /// Between receivers the token is checked, as the continuations do, so a send cancelled midway stops
    /// at the same point whether or not an earlier receiver completed synchronously. The sender checks
    /// before the first receiver.
    /// </summary>
    private static void WriteCancellationCheck(SourceWriter writer, int index, string resultType)
    {
        if (index == 0)
        {
            return;
        }

        writer.Line("if (cancellationToken.IsCancellationRequested)");
        writer.Open();
        var factory = resultType == KnownNames.ValueTask
            ? KnownNames.ValueTask + ".FromCanceled(cancellationToken)"
            : KnownNames.ValueTask + ".FromCanceled<" + KnownNames.FailureCollector + ">(cancellationToken)";
        writer.Line("return " + factory + ";");
        writer.Close();
    }

    /// <summary>Async methods report exceptions through their task, never by throwing from the call.</summary>
    private static void WriteFaultedReturn(SourceWriter writer, string resultType)
    {
        writer.Open("catch (" + KnownNames.Exception + " exception)");
        var factory = resultType == KnownNames.ValueTask
            ? KnownNames.ValueTask + ".FromException(exception)"
            : KnownNames.ValueTask + ".FromException<" + KnownNames.FailureCollector + ">(exception)";
        writer.Line("return " + factory + ";");
        writer.Close();
    }

    private static bool HasAsync(List<TableEntryModel> entries) => FirstAsync(entries) < entries.Count;

    /// <summary>The index of the first async receiver, or the count when there is none.</summary>
    private static int FirstAsync(List<TableEntryModel> entries)
    {
        var index = 0;
        while (index < entries.Count && !entries[index].IsAsync)
        {
            index++;
        }

        return index;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
