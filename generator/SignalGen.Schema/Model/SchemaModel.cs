using System;

namespace SignalGen.Schema.Model;

/// <summary>How receiver failures reach the sender in a signal's convenience send.</summary>
internal enum SignalMode
{
    /// <summary>The first exception propagates and later receivers do not run (Django's <c>send</c>).</summary>
    Veto,

    /// <summary>Every receiver runs; failures are logged and returned (Django's <c>send_robust</c>).</summary>
    Robust,

    /// <summary>Every receiver runs, then one <see cref="AggregateException"/> carries the failures.</summary>
    AllThenThrow,
}

/// <summary>A signal schema: one namespace of signals, from a <c>*.signals.json</c> file or a referenced assembly.</summary>
/// <param name="Namespace">The C# namespace the schema's types are generated in.</param>
/// <param name="Usings">Namespaces imported by the generated code so argument types resolve as written.</param>
/// <param name="Signals">The signals, in declaration order.</param>
/// <param name="IsReferenced">True when read from a referenced assembly rather than a local schema file.</param>
internal sealed record SchemaModel(
    string Namespace,
    EquatableArray<string> Usings,
    EquatableArray<SignalModel> Signals,
    bool IsReferenced)
{
    /// <summary>The fully qualified name of the generated <c>Signal</c> enum.</summary>
    public string SignalEnumName => "global::" + Namespace + ".Signal";

    /// <summary>The fully qualified name of the generated sender.</summary>
    public string SenderName => "global::" + Namespace + ".Signals";

    /// <summary>The fully qualified name of the generated dispatch interface.</summary>
    public string DispatchInterfaceName => "global::" + Namespace + ".ISignalDispatchTable";

    /// <summary>Finds a signal by name, or null.</summary>
    public SignalModel? FindSignal(string name)
    {
        foreach (var signal in Signals)
        {
            if (signal.Name == name)
            {
                return signal;
            }
        }

        return null;
    }
}

/// <summary>One signal of a schema.</summary>
/// <param name="Name">The signal's name: enum member and signal type name.</param>
/// <param name="Doc">The XML doc summary text, or null.</param>
/// <param name="Group">A grouping label (e.g. <c>account</c>), or null.</param>
/// <param name="IsInternal">Outside code must not rely on the signal (allauth's <c>_add_email</c>).</param>
/// <param name="Mode">How the convenience send treats receiver failures.</param>
/// <param name="Arguments">The arguments, in declaration order.</param>
internal sealed record SignalModel(
    string Name,
    string? Doc,
    string? Group,
    bool IsInternal,
    SignalMode Mode,
    EquatableArray<ArgumentModel> Arguments)
{
    /// <summary>Finds an argument by its (camelCase) name, or null.</summary>
    public ArgumentModel? FindArgument(string name)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}

/// <summary>One argument of a signal.</summary>
/// <param name="Name">The argument name as declared (camelCase), also the constructor parameter name.</param>
/// <param name="TypeName">The C# type as written in the schema, or fully qualified when read from metadata.</param>
internal sealed record ArgumentModel(string Name, string TypeName)
{
    /// <summary>The generated property name: the argument name with its first letter upper-cased.</summary>
    public string PropertyName => Identifiers.ToPropertyName(Name);
}
