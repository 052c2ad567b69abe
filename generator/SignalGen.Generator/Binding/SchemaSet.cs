using System.Collections.Generic;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>Every schema a project can see: its own files first, then its references'.</summary>
/// <param name="Local">Schemas from this project's <c>*.signals.json</c> files, one per namespace.</param>
/// <param name="Referenced">Schemas generated in referenced assemblies.</param>
internal sealed record SchemaSet(EquatableArray<SchemaModel> Local, EquatableArray<SchemaModel> Referenced)
{
    /// <summary>Local schema files left out because another schema declares their namespace (SGEN0012).</summary>
    public EquatableArray<DroppedSchemaModel> Dropped { get; init; }

    public IEnumerable<SchemaModel> All
    {
        get
        {
            foreach (var schema in Local)
            {
                yield return schema;
            }

            foreach (var schema in Referenced)
            {
                yield return schema;
            }
        }
    }

    public SchemaModel? Find(string ns)
    {
        foreach (var schema in All)
        {
            if (schema.Namespace == ns)
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps one schema per namespace (two schemas in one namespace would generate the same types): the
    /// file whose path sorts first, ordinally. A local schema whose namespace a reference already declares
    /// is dropped too, and so is a second reference declaring a namespace an earlier one did (the compiler
    /// reports its ambiguous types, CS0433). The generator reports the dropped schema files (SGEN0012).
    /// </summary>
    public static SchemaSet Create(IEnumerable<SchemaFileModel> local, EquatableArray<SchemaModel> referenced)
    {
        var owners = new Dictionary<string, string>();
        var keptReferences = new List<SchemaModel>();
        foreach (var schema in referenced)
        {
            if (!owners.ContainsKey(schema.Namespace))
            {
                owners.Add(schema.Namespace, "the referenced assembly " + schema.AssemblyName);
                keptReferences.Add(schema);
            }
        }

        // Path order, not the order the host lists files in, so the analyzers can tell which file lost.
        var files = new List<SchemaFileModel>(local);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        var kept = new List<SchemaModel>();
        var dropped = new List<DroppedSchemaModel>();
        foreach (var file in files)
        {
            if (owners.TryGetValue(file.Schema.Namespace, out var owner))
            {
                dropped.Add(new DroppedSchemaModel(file.Path, file.Schema.Namespace, owner));
            }
            else
            {
                owners.Add(file.Schema.Namespace, "the schema " + file.Path);
                kept.Add(file.Schema);
            }
        }

        return new SchemaSet(kept.ToEquatableArray(), keptReferences.ToEquatableArray()) { Dropped = dropped.ToEquatableArray() };
    }

    /// <summary>
    /// This set without the local signals whose argument types cannot be used: they are left out like
    /// signals with any other error, and remembered as omitted so receivers naming them are not told
    /// the signal does not exist.
    /// </summary>
    public SchemaSet Without(EquatableArray<ArgumentTypeProblemModel> problems)
    {
        if (problems.IsEmpty)
        {
            return this;
        }

        var local = new List<SchemaModel>(Local.Count);
        foreach (var schema in Local)
        {
            var signals = new List<SignalModel>(schema.Signals.Count);
            var omitted = new List<string>(schema.OmittedSignals);
            foreach (var signal in schema.Signals)
            {
                if (HasProblem(problems, schema.Namespace, signal.Name))
                {
                    omitted.Add(signal.Name);
                }
                else
                {
                    signals.Add(signal);
                }
            }

            local.Add(schema with { Signals = signals.ToEquatableArray(), OmittedSignals = omitted.ToEquatableArray() });
        }

        return this with { Local = local.ToEquatableArray() };
    }

    private static bool HasProblem(EquatableArray<ArgumentTypeProblemModel> problems, string ns, string signal)
    {
        foreach (var problem in problems)
        {
            if (problem.Namespace == ns && problem.Signal == signal)
            {
                return true;
            }
        }

        return false;
    }
}
