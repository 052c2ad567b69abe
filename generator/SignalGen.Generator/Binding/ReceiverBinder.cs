using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Receivers;
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
                    || BindArguments(receiver, schema, signal, reference.Durable) is not { } binding)
                {
                    continue;
                }

                var open = signal.IsGeneric && binding.TypeArgument is null ? schema.TypeParameter!.Name : null;
                var thunkName = UniqueThunkName(ThunkName(receiver.MethodName, signal.Name), thunkNames);
                var signalType = schema.SignalTypeFor(signal, binding.TypeArgument);

                bound.Add(new BoundReceiverModel(
                    schema.Namespace,
                    signal.Name,
                    reference.Order,
                    receiver.Receiver,
                    thunkName,
                    receiver.ContainingType,
                    receiver.MethodName,
                    receiver.IsStatic,
                    receiver.ReturnKind,
                    binding.Expressions,
                    signalType,
                    binding.TypeArgument,
                    open,
                    open is null ? string.Empty : schema.ConstraintClause,
                    receiver.IsObsolete)
                {
                    Fits = binding.Fits,
                    Durable = binding.Durable is { } durable
                        ? DurableReceiver(durable, binding.Expressions, receiver, reference, thunkName, schema.Namespace + "." + signal.Name, signalType)
                        : null,
                });
            }
        }

        return bound.ToEquatableArray();
    }

    /// <summary>
    /// The expression passed for each parameter and, for a generic signal, the type argument the
    /// parameters name; null when a parameter matches nothing or two parameters name different types.
    /// </summary>
    private static Binding? BindArguments(ReceiverModel receiver, SchemaModel schema, SignalModel signal, bool durable)
    {
        var expressions = new string[receiver.Parameters.Count];
        var stored = durable ? new DurableBinding(new string?[expressions.Length], new string?[expressions.Length], new string?[expressions.Length]) : null;
        var fits = new List<ArgumentFitModel>();
        string? typeArgument = null;
        var view = new SignalView(schema, signal);
        for (var i = 0; i < expressions.Length; i++)
        {
            var parameter = receiver.Parameters[i];
            string? named = null;
            switch (ParameterBinding.Bind(view, parameter, out ArgumentModel? argument))
            {
                case ParameterSource.Argument:
                    expressions[i] = parameter.CastTypeName is { } cast
                        ? "(" + cast + ")signal." + argument!.PropertyName
                        : "signal." + argument!.PropertyName;
                    if (stored is not null)
                    {
                        // A value the message cannot declare (SGEN0109): no durable call for this receiver.
                        if (parameter.StoredTypeName is not { } storedType)
                        {
                            return null;
                        }

                        stored.Types[i] = storedType;
                        if (schema.IsTypeParameterArgument(argument))
                        {
                            stored.Forms[i] = schema.TypeParameter!.StoredForm;
                        }
                    }

                    if (signal.IsGeneric && schema.IsTypeParameterArgument(argument))
                    {
                        named = WithoutNullable(parameter.TypeName);
                    }
                    else
                    {
                        fits.Add(new ArgumentFitModel(argument.TypeName, parameter.TypeName, parameter.RejectsNull));
                    }

                    break;
                case ParameterSource.Signal:
                    expressions[i] = "signal";
                    if (stored is not null)
                    {
                        stored.Types[i] = WholeSignal;
                    }

                    named = signal.IsGeneric ? ParseSignalType(parameter.TypeName).TypeArgument : null;
                    if (signal.IsGeneric && named is null)
                    {
                        return null;
                    }

                    break;
                case ParameterSource.CancellationToken:
                    expressions[i] = "cancellationToken";
                    if (stored is not null)
                    {
                        stored.RunArguments[i] = "cancellationToken";
                    }

                    break;
                case ParameterSource.DurableDelivery when stored is not null:
                    expressions[i] = "delivery";
                    stored.RunArguments[i] = "delivery";
                    break;
                default:
                    return null;
            }

            if (named is not null)
            {
                if (typeArgument is not null && typeArgument != named)
                {
                    return null;
                }

                typeArgument = named;
            }
        }

        return new Binding(new EquatableArray<string>(expressions), typeArgument, fits.ToEquatableArray()) { Durable = stored };
    }

    /// <summary>
    /// The durable receiver's model: every value bound from the signal becomes a property of its message,
    /// named after its parameter (the whole signal typed as the thunk takes it); the token and the delivery
    /// are the worker's to give.
    /// </summary>
    private static DurableReceiverModel DurableReceiver(
        DurableBinding binding, EquatableArray<string> expressions, ReceiverModel receiver, SignalReferenceModel reference, string className, string signalFullName, string signalType)
    {
        var values = new List<StoredValueModel>();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "Stamp", "EqualityContract" };
        var runArguments = new string[expressions.Count];
        for (var i = 0; i < runArguments.Length; i++)
        {
            if (binding.Types[i] is not { } type)
            {
                runArguments[i] = binding.RunArguments[i]!;
                continue;
            }

            var property = UniqueName(PropertyName(receiver.Parameters[i].Name), taken);
            var passed = binding.Forms[i] is null ? "message." + property : "loaded" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            values.Add(new StoredValueModel(property, type == WholeSignal ? signalType : type, expressions[i], binding.Forms[i]));
            runArguments[i] = receiver.Parameters[i].CastTypeName is { } cast ? "(" + cast + ")" + passed : passed;
        }

        var messageName = reference.DurableName ?? "signalgen:" + signalFullName + "/" + receiver.Receiver;
        return new DurableReceiverModel(className, messageName, signalFullName, values.ToEquatableArray(), new EquatableArray<string>(runArguments));
    }

    /// <summary>The parameter's name as a property: first letter upper case, keyword escapes dropped.</summary>
    private static string PropertyName(string parameter)
    {
        var name = parameter.TrimStart('@');
        return name.Length == 0 ? "Value" : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// A type name as written, split into the name and, for a constructed generic type
    /// (<c>UserSignedUp&lt;AppUser&gt;</c>), its type argument without <c>?</c>.
    /// </summary>
    private static (string Name, string? TypeArgument) ParseSignalType(string typeName)
    {
        var name = typeName.StartsWith("global::", StringComparison.Ordinal) ? typeName.Substring("global::".Length) : typeName;
        var open = name.IndexOf('<');
        if (open > 0 && name.EndsWith(">", StringComparison.Ordinal))
        {
            return (name.Substring(0, open), WithoutNullable(name.Substring(open + 1, name.Length - open - 2).Trim()));
        }

        return (name, null);
    }

    /// <summary>
    /// The binding rule's view of a schema signal. The signal's type is generated, so the compilation the
    /// generator sees cannot resolve it: a parameter takes the signal when its type, as written, names it
    /// (bare, qualified, or by a namespace suffix; type arguments are checked by the caller).
    /// </summary>
    private readonly struct SignalView(SchemaModel schema, SignalModel signal) : ISignalParameterView<ReceiverParameterModel, ArgumentModel>
    {
        public string NameOf(ReceiverParameterModel parameter) => parameter.Name;

        public ArgumentModel? FindArgument(string name) => signal.FindArgument(name);

        public bool IsSignalType(ReceiverParameterModel parameter)
        {
            var name = ParseSignalType(parameter.TypeName).Name;
            var full = schema.Namespace + "." + signal.Name;
            return name == signal.Name || name == full || full.EndsWith("." + name, StringComparison.Ordinal);
        }

        public bool IsCancellationToken(ReceiverParameterModel parameter) => parameter.IsCancellationToken;

        public bool IsDurableDelivery(ReceiverParameterModel parameter) => parameter.IsDurableDelivery;
    }

    private static string WithoutNullable(string typeName) =>
        typeName.EndsWith("?", StringComparison.Ordinal) ? typeName.Substring(0, typeName.Length - 1) : typeName;

    private sealed record Binding(EquatableArray<string> Expressions, string? TypeArgument, EquatableArray<ArgumentFitModel> Fits)
    {
        public DurableBinding? Durable { get; init; }
    }

    /// <summary>
    /// For a durable receiver, per parameter: the stored type of a value taken from the signal
    /// (<see cref="WholeSignal"/> for the signal itself) and the stored form it is kept in, if any; or what
    /// the worker passes for the others.
    /// </summary>
    private sealed record DurableBinding(string?[] Types, string?[] RunArguments, string?[] Forms);

    /// <summary>Marks the parameter that takes the whole signal, whose type is known once the type argument is.</summary>
    private const string WholeSignal = "<signal>";

    /// <summary>
    /// <c>Method_Signal</c>, cut short when long: a metadata name holds at most 1023 UTF-8 bytes (CS7013 at
    /// emit), and a method name within that limit plus the signal's can pass it. 200 characters stay under
    /// it whatever the characters, with room for the suffix that keeps the name unique.
    /// </summary>
    private static string ThunkName(string method, string signal)
    {
        const int maxLength = 200;
        var name = method + "_" + signal;
        if (name.Length <= maxLength)
        {
            return name;
        }

        var length = char.IsHighSurrogate(name[maxLength - 1]) ? maxLength - 1 : maxLength;
        return name.Substring(0, length);
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
