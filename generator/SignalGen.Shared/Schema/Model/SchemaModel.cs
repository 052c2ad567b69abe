using System;
using SignalGen.Contract;
using SignalGen.Incremental;

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
/// <param name="TypeParameter">
/// The schema's type parameter (e.g. <c>TUser</c>, the application's user type), or null. Signals whose
/// arguments use it are generic, and so are the sender and the dispatch interface.
/// </param>
internal sealed record SchemaModel(
    string Namespace,
    EquatableArray<string> Usings,
    EquatableArray<SignalModel> Signals,
    bool IsReferenced,
    TypeParameterModel? TypeParameter = null)
{
    /// <summary>
    /// Signals the schema file declares but that are not generated because of an error of their own
    /// (reported at the error). A receiver naming one is not told the signal does not exist.
    /// </summary>
    public EquatableArray<string> OmittedSignals { get; init; }

    /// <summary>For a schema read from a file, the file's path; else null.</summary>
    public string? Path { get; init; }

    /// <summary>For a schema read from a referenced assembly, that assembly's name; else null.</summary>
    public string? AssemblyName { get; init; }

    /// <summary>True when the schema declares a type parameter.</summary>
    public bool IsGeneric => TypeParameter is not null;

    /// <summary>The fully qualified name of the generated <c>Signal</c> enum.</summary>
    public string SignalEnumName => "global::" + Namespace + "." + GeneratedNames.SignalEnum;

    /// <summary>The interface every signal struct implements, fully qualified.</summary>
    public string SignalInterfaceName => "global::" + Namespace + "." + GeneratedNames.SignalInterface;

    /// <summary>The fully qualified name of the generated sender, with the type parameter's name when generic.</summary>
    public string SenderName => SenderNameFor(TypeParameter?.Name);

    /// <summary>The fully qualified name of the generated dispatch interface, with the type parameter's name when generic.</summary>
    public string DispatchInterfaceName => DispatchInterfaceNameFor(TypeParameter?.Name);

    /// <summary>The sender constructed with <paramref name="typeArgument"/> (ignored when the schema is not generic).</summary>
    public string SenderNameFor(string? typeArgument) => "global::" + Namespace + "." + GeneratedNames.Sender + TypeArgumentList(typeArgument);

    /// <summary>The dispatch interface constructed with <paramref name="typeArgument"/> (ignored when the schema is not generic).</summary>
    public string DispatchInterfaceNameFor(string? typeArgument) => "global::" + Namespace + "." + GeneratedNames.DispatchInterface + TypeArgumentList(typeArgument);

    /// <summary>The signal's type constructed with <paramref name="typeArgument"/> when the signal is generic.</summary>
    public string SignalTypeFor(SignalModel signal, string? typeArgument) =>
        "global::" + Namespace + "." + signal.Name + (signal.IsGeneric ? TypeArgumentList(typeArgument) : string.Empty);

    /// <summary>True when the argument's type is the type parameter itself (<c>TUser</c> or <c>TUser?</c>).</summary>
    public bool IsTypeParameterArgument(ArgumentModel argument) => TypeParameter?.IsWholeType(argument.TypeName) == true;

    /// <summary>The type parameter list of the generic types (<c>&lt;TUser&gt;</c>), or empty.</summary>
    public string TypeParameterList => TypeParameter is null ? string.Empty : "<" + TypeParameter.Name + ">";

    /// <summary>The <c>where</c> clause of the type parameter, or empty.</summary>
    public string ConstraintClause =>
        TypeParameter is { Constraint.Length: > 0 } parameter ? " where " + parameter.Name + " : " + parameter.Constraint : string.Empty;

    private string TypeArgumentList(string? typeArgument) =>
        TypeParameter is null ? string.Empty : "<" + (typeArgument ?? TypeParameter.Name) + ">";

    /// <summary>True when <paramref name="name"/> is a signal of the schema, generated or left out for an error.</summary>
    public bool Declares(string name)
    {
        if (FindSignal(name) is not null)
        {
            return true;
        }

        foreach (var omitted in OmittedSignals)
        {
            if (omitted == name)
            {
                return true;
            }
        }

        return false;
    }

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
/// <param name="IsGeneric">True when an argument's type is the schema's type parameter.</param>
internal sealed record SignalModel(
    string Name,
    string? Doc,
    string? Group,
    bool IsInternal,
    SignalMode Mode,
    EquatableArray<ArgumentModel> Arguments,
    bool IsGeneric = false)
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

/// <summary>A schema's type parameter: a type the application chooses, such as its user type.</summary>
/// <param name="Name">The type parameter's name, e.g. <c>TUser</c>.</param>
/// <param name="Constraint">Its constraint as C# writes it after <c>where T :</c> (e.g. <c>class</c>), or empty.</param>
internal sealed record TypeParameterModel(string Name, string Constraint)
{
    /// <summary>
    /// For a schema read from a referenced assembly that declares one, the stored form durable receivers'
    /// messages hold instead of a value of this type parameter (<c>global::SignalGen.Identity.StoredUser</c>); else null.
    /// </summary>
    public string? StoredForm { get; init; }

    /// <summary>True when <paramref name="typeName"/> is this parameter as a whole type: <c>TUser</c> or <c>TUser?</c>.</summary>
    public bool IsWholeType(string typeName) => typeName == Name || typeName == Name + "?";
}
