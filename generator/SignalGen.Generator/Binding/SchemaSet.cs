using System.Collections.Generic;
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
    /// Keeps one schema per namespace (two schemas in one namespace would generate the same types);
    /// a local schema whose namespace a reference already declares is dropped too, and so is a second
    /// reference declaring a namespace an earlier one did (the compiler reports its ambiguous types, CS0433).
    /// </summary>
    public static SchemaSet Create(IEnumerable<SchemaModel> local, EquatableArray<SchemaModel> referenced)
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

        var kept = new List<SchemaModel>();
        foreach (var schema in local)
        {
            if (taken.Add(schema.Namespace))
            {
                kept.Add(schema);
            }
        }

        return new SchemaSet(kept.ToEquatableArray(), keptReferences.ToEquatableArray());
    }
}
