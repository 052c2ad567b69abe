using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SignalGen.Generator.Model;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Matches receivers to schema signals and decides what each receiver parameter gets. A receiver or a
/// signal reference that cannot be bound is left out; the analyzers say why.
/// </summary>
internal static class ReceiverBinder
{
    public static EquatableArray<BoundReceiverModel> Bind(ImmutableArray<ReceiverModel> receivers, SchemaSet schemas, EquatableArray<UsingModel> globalUsings)
    {
        // Sort first so thunk names do not depend on the order the compiler found the methods in.
        var ordered = new List<ReceiverModel>(receivers);
        ordered.Sort((a, b) => string.CompareOrdinal(a.Receiver, b.Receiver));

        var bound = new List<BoundReceiverModel>();
        var thunkNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var receiver in ordered)
        {
            var seen = new HashSet<(string, string)>();
            foreach (var reference in receiver.Signals)
            {
                if (SignalReferenceResolver.Resolve(reference, receiver.Scopes, globalUsings, schemas) is not { } schema
                    || schema.FindSignal(reference.SignalName) is not { } signal
                    || !seen.Add((schema.Namespace, signal.Name))
                    || BindArguments(receiver, schema, signal) is not { } arguments)
                {
                    continue;
                }

                bound.Add(new BoundReceiverModel(
                    schema.Namespace,
                    signal.Name,
                    reference.Order,
                    receiver.Receiver,
                    UniqueThunkName(receiver.MethodName + "_" + signal.Name, thunkNames),
                    receiver.ContainingType,
                    receiver.MethodName,
                    receiver.IsStatic,
                    receiver.ReturnKind,
                    arguments));
            }
        }

        return bound.ToEquatableArray();
    }

    /// <summary>The expression passed for each parameter, or null when a parameter matches nothing.</summary>
    private static EquatableArray<string>? BindArguments(ReceiverModel receiver, SchemaModel schema, SignalModel signal)
    {
        var expressions = new string[receiver.Parameters.Count];
        for (var i = 0; i < expressions.Length; i++)
        {
            var parameter = receiver.Parameters[i];
            if (signal.FindArgument(parameter.Name) is { } argument)
            {
                expressions[i] = "signal." + argument.PropertyName;
            }
            else if (IsSignalType(parameter.TypeName, schema.Namespace, signal.Name))
            {
                expressions[i] = "signal";
            }
            else if (parameter.IsCancellationToken)
            {
                expressions[i] = "cancellationToken";
            }
            else
            {
                return null;
            }
        }

        return new EquatableArray<string>(expressions);
    }

    private static bool IsSignalType(string typeName, string ns, string signal)
    {
        var name = typeName.StartsWith("global::", StringComparison.Ordinal) ? typeName.Substring("global::".Length) : typeName;
        var full = ns + "." + signal;
        return name == signal || name == full || full.EndsWith("." + name, StringComparison.Ordinal);
    }

    private static string UniqueThunkName(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var candidate = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
