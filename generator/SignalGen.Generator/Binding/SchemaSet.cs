using System.Collections.Generic;
using SignalGen.Generator.Model;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>Every schema a project can see: its own files first, then its references'.</summary>
/// <param name="Local">Schemas from this project's <c>*.signals.json</c> files, one per namespace.</param>
/// <param name="Referenced">Schemas generated in referenced assemblies.</param>
internal sealed record SchemaSet(EquatableArray<SchemaModel> Local, EquatableArray<SchemaModel> Referenced)
{
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
    /// reports its ambiguous types, CS0433). The analyzers report the dropped schema files.
    /// </summary>
    public static SchemaSet Create(IEnumerable<SchemaFileModel> local, EquatableArray<SchemaModel> referenced)
    {
        var taken = new HashSet<string>();
        var keptReferences = new List<SchemaModel>();
        foreach (var schema in referenced)
        {
            if (taken.Add(schema.Namespace))
            {
                keptReferences.Add(schema);
            }
        }

        // Path order, not the order the host lists files in, so the analyzers can tell which file lost.
        var files = new List<SchemaFileModel>(local);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        var kept = new List<SchemaModel>();
        foreach (var file in files)
        {
            if (taken.Add(file.Schema.Namespace))
            {
                kept.Add(file.Schema);
            }
        }

        return new SchemaSet(kept.ToEquatableArray(), keptReferences.ToEquatableArray());
    }
}
