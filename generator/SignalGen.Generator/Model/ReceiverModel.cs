using SignalGen.Incremental;
using SignalGen.Receivers;

namespace SignalGen.Generator.Model;

/// <summary>A receiver method as found in source, before it is bound to a schema.</summary>
/// <param name="ContainingType">The containing type, fully qualified with <c>global::</c>.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="Receiver">The receiver's fully qualified name with parameter types: its identity and tie-break key.</param>
/// <param name="IsStatic">Static receivers are called directly; instance receivers are resolved from DI.</param>
/// <param name="ReturnKind">What it returns.</param>
/// <param name="Parameters">Its parameters, in order.</param>
/// <param name="Signals">The signals named by its <c>[Receiver]</c> attributes, in attribute order.</param>
/// <param name="Scopes">
/// Where names in its attributes are looked up, innermost first, as written in its file; the binder
/// resolves <c>Signal</c> through them because the generated enum is not in the compilation it can see.
/// </param>
/// <param name="IsObsolete">True when the method or a type around it is <c>[Obsolete]</c>, so calling it warns.</param>
internal sealed record ReceiverModel(
    string ContainingType,
    string MethodName,
    string Receiver,
    bool IsStatic,
    ReceiverReturnKind ReturnKind,
    EquatableArray<ReceiverParameterModel> Parameters,
    EquatableArray<SignalReferenceModel> Signals,
    EquatableArray<ImportScopeModel> Scopes,
    bool IsObsolete = false)
{
    /// <summary>The source file the method is declared in, where a mistake in its attributes is reported.</summary>
    public string FilePath { get; init; } = string.Empty;
}

/// <summary>A receiver parameter.</summary>
/// <param name="Name">Its name, matched against the signal's argument names.</param>
/// <param name="TypeName">Its type as displayed; for a type the compilation cannot resolve (a signal type generated in this project), the name as written.</param>
/// <param name="IsCancellationToken">True for a <see cref="System.Threading.CancellationToken"/>.</param>
/// <param name="CastTypeName">
/// When the method has overloads, the parameter's exact type, which the argument passed to it is cast to
/// so C# cannot pick another overload; else null.
/// </param>
/// <param name="RejectsNull">True for a reference type declared non-nullable in a nullable-enabled context.</param>
/// <param name="IsDurableDelivery">True for <c>SignalGen.Durable.DurableDelivery</c>, which only a durable receiver binds.</param>
/// <param name="StoredTypeName">
/// For a durable receiver's parameter, its type with nullable annotations, as the stored message declares
/// it; null for other receivers, and for a type the message cannot be written with (SGEN0109 says why).
/// </param>
internal sealed record ReceiverParameterModel(
    string Name,
    string TypeName,
    bool IsCancellationToken,
    string? CastTypeName = null,
    bool RejectsNull = false,
    bool IsDurableDelivery = false,
    string? StoredTypeName = null);

/// <summary>The signal named by one <c>[Receiver(...)]</c> attribute.</summary>
/// <param name="SignalName">The enum member's name, e.g. <c>UserSignedUp</c>.</param>
/// <param name="Qualifier">What stood before the member in source, e.g. <c>Signal</c> or <c>Contoso.Auth.Signal</c>, or null.</param>
/// <param name="ResolvedNamespace">The enum's namespace when the compilation resolved it (schema in a referenced assembly), else null.</param>
/// <param name="Order">The attribute's <c>Order</c>.</param>
/// <param name="Durable">The attribute's <c>Durable</c>: the receiver runs later, from a stored message.</param>
/// <param name="DurableName">The attribute's <c>DurableName</c>, or null.</param>
internal sealed record SignalReferenceModel(string SignalName, string? Qualifier, string? ResolvedNamespace, int Order, bool Durable = false, string? DurableName = null);

/// <summary>
/// One step of C# name lookup around a receiver: a namespace whose members are searched, then the using
/// directives written at that level. The outermost scope is the file's own (namespace <c>""</c>).
/// </summary>
/// <param name="Namespace">The namespace searched at this step, <c>""</c> for the global namespace.</param>
/// <param name="Usings">The using directives of the declaration at this step (none for the implied outer parts of <c>namespace A.B</c>).</param>
internal sealed record ImportScopeModel(string Namespace, EquatableArray<UsingModel> Usings);

/// <summary>A using directive, as written.</summary>
/// <param name="Alias">The alias of <c>using Alias = Target;</c>, or null.</param>
/// <param name="Target">The namespace or type named, without <c>global::</c>.</param>
/// <param name="IsStatic">True for <c>using static Target;</c>.</param>
internal sealed record UsingModel(string? Alias, string Target, bool IsStatic);
