using System;
using System.Collections.Generic;
using SignalGen.Contract;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Decides which dispatch tables this project emits and what goes in them. The application (root) gets
/// a table for every schema it sees, holding its own receivers and those of every referenced project.
/// A library gets a table only for its own schemas and its own receivers, so they work even where no
/// application table exists; the application's table replaces it at run time.
/// </summary>
internal static class DispatchPlanner
{
    /// <summary>
    /// The documented receiver order: <c>Order</c>, then the receiver's fully qualified name, then its
    /// assembly, all ordinal. Never discovery order.
    /// </summary>
    public static int CompareEntries(TableEntryModel a, TableEntryModel b)
    {
        var byOrder = a.Order.CompareTo(b.Order);
        if (byOrder != 0)
        {
            return byOrder;
        }

        var byName = string.CompareOrdinal(a.Receiver, b.Receiver);
        return byName != 0 ? byName : string.CompareOrdinal(a.AssemblyName, b.AssemblyName);
    }

    public static EquatableArray<DispatchTableModel> Plan(
        EquatableArray<BoundReceiverModel> receivers,
        ReferencesModel references,
        SchemaSet schemas,
        ProjectModel project)
    {
        var own = new List<TableEntryModel>();
        foreach (var receiver in receivers)
        {
            own.Add(new TableEntryModel(
                receiver.SchemaNamespace,
                receiver.SignalName,
                receiver.Order,
                receiver.Receiver,
                project.AssemblyName,
                "global::" + GeneratedNames.PlumbingNamespace + "." + project.ThunksClassName + "." + receiver.ThunkName,
                receiver.IsAsync,
                receiver.TypeArgument,
                IsOpenGeneric: receiver.OpenTypeParameter is not null)
            {
                IsDurable = receiver.Durable is not null,
            });
        }

        var tables = new List<DispatchTableModel>();
        var candidates = project.IsRoot ? schemas.All : schemas.Local;
        foreach (var schema in candidates)
        {
            // Each signal's position is looked up once: the sort compares n log n times, and a scan of the
            // schema per comparison made planning 200 signals and 1,000 receivers a tenth of a cold run.
            var signalIndex = IndexSignals(schema);
            var entries = new List<TableEntryModel>();
            Collect(own, schema, signalIndex, entries);
            if (project.IsRoot)
            {
                Collect(references.Entries, schema, signalIndex, entries);
            }

            if (entries.Count == 0)
            {
                continue;
            }

            entries.Sort((a, b) =>
            {
                var bySignal = signalIndex[a.SignalName].CompareTo(signalIndex[b.SignalName]);
                return bySignal != 0 ? bySignal : CompareEntries(a, b);
            });
            tables.Add(new DispatchTableModel(schema, entries.ToEquatableArray(), project.IsRoot));
        }

        return tables.ToEquatableArray();
    }

    /// <summary>What the root's <c>AddSignals()</c> registers, or null for a library.</summary>
    public static ServiceRegistrationModel? PlanServices(
        EquatableArray<BoundReceiverModel> receivers,
        ReferencesModel references,
        SchemaSet schemas,
        ProjectModel project)
    {
        if (!project.IsRoot)
        {
            return null;
        }

        var senders = new List<string>();
        var openSenders = new List<string>();
        foreach (var schema in schemas.All)
        {
            if (!schema.IsGeneric)
            {
                senders.Add(schema.SenderName);
                continue;
            }

            // Closed senders for the types receivers name, registered without reflection; the open one for any other.
            openSenders.Add("global::" + schema.Namespace + ".Signals<>");
            var bound = new HashSet<string>(StringComparer.Ordinal);
            foreach (var receiver in receivers)
            {
                if (receiver.SchemaNamespace == schema.Namespace && receiver.TypeArgument is { } argument && bound.Add(argument))
                {
                    senders.Add(schema.SenderNameFor(argument));
                }
            }

            foreach (var entry in references.Entries)
            {
                if (entry.SchemaNamespace == schema.Namespace && entry.TypeArgument is { } argument && bound.Add(argument))
                {
                    senders.Add(schema.SenderNameFor(argument));
                }
            }
        }

        var thunkClasses = new List<string>(references.ThunkClasses);
        if (!receivers.IsEmpty)
        {
            thunkClasses.Add("global::" + GeneratedNames.PlumbingNamespace + "." + project.ThunksClassName);
        }

        senders.Sort(string.CompareOrdinal);
        openSenders.Sort(string.CompareOrdinal);
        thunkClasses.Sort(string.CompareOrdinal);
        return new ServiceRegistrationModel(project.AssemblyName, senders.ToEquatableArray(), thunkClasses.ToEquatableArray(), openSenders.ToEquatableArray());
    }

    // Only entries of a signal the schema declares; the index has every one of them.
    private static void Collect(IEnumerable<TableEntryModel> source, SchemaModel schema, Dictionary<string, int> signalIndex, List<TableEntryModel> into)
    {
        foreach (var entry in source)
        {
            if (entry.SchemaNamespace == schema.Namespace && signalIndex.ContainsKey(entry.SignalName))
            {
                into.Add(entry);
            }
        }
    }

    /// <summary>Each signal's position in declaration order (the first, should a name repeat).</summary>
    private static Dictionary<string, int> IndexSignals(SchemaModel schema)
    {
        var index = new Dictionary<string, int>(schema.Signals.Count, StringComparer.Ordinal);
        for (var i = 0; i < schema.Signals.Count; i++)
        {
            if (!index.ContainsKey(schema.Signals[i].Name))
            {
                index.Add(schema.Signals[i].Name, i);
            }
        }

        return index;
    }
}
