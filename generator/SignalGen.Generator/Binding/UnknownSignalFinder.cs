using System.Collections.Generic;
using System.Collections.Immutable;
using SignalGen.Diagnostics;
using SignalGen.Generator.Model;
using SignalGen.Incremental;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Finds <c>[Receiver(Signal.X)]</c> attributes whose <c>Signal</c> is a schema's enum but whose X is no
/// signal of that schema. The compiler reports CS0117 there, a declaration error, and then runs no
/// analyzer on the command line; so the generator reports SGEN0101, with the closest signal name for
/// the rename fix. A name the schema declares but left out for an error of its own is not reported:
/// that error is the one to fix.
/// </summary>
internal static class UnknownSignalFinder
{
    public static EquatableArray<UnknownSignalModel> Find(ImmutableArray<ReceiverModel> receivers, SchemaSet schemas, EquatableArray<UsingModel> globalUsings)
    {
        var found = new List<UnknownSignalModel>();
        foreach (var receiver in receivers)
        {
            foreach (var reference in receiver.Signals)
            {
                if (reference.ResolvedNamespace is null
                    && SignalReferenceResolver.Resolve(reference, receiver.Scopes, globalUsings, schemas) is { } schema
                    && !schema.Declares(reference.SignalName))
                {
                    var names = new List<string>(schema.Signals.Count);
                    foreach (var signal in schema.Signals)
                    {
                        names.Add(signal.Name);
                    }

                    found.Add(new UnknownSignalModel(receiver.FilePath, receiver.MethodName, reference.SignalName, schema.Namespace, ClosestName.Find(reference.SignalName, names)));
                }
            }
        }

        // The compiler may list receivers in any order; the model must not depend on it.
        found.Sort((a, b) =>
        {
            var byPath = string.CompareOrdinal(a.FilePath, b.FilePath);
            var byMethod = byPath != 0 ? byPath : string.CompareOrdinal(a.MethodName, b.MethodName);
            return byMethod != 0 ? byMethod : string.CompareOrdinal(a.Written, b.Written);
        });
        return found.ToEquatableArray();
    }
}
