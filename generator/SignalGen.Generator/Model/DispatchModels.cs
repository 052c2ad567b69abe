using SignalGen.Incremental;
using SignalGen.Receivers;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Model;

/// <summary>A receiver of this project bound to one signal: what its thunk must do.</summary>
/// <param name="SchemaNamespace">The schema the signal belongs to.</param>
/// <param name="SignalName">The signal.</param>
/// <param name="Order">Its order among the signal's receivers.</param>
/// <param name="Receiver">The receiver's fully qualified name.</param>
/// <param name="ThunkName">The thunk method's name in this project's thunk class.</param>
/// <param name="ContainingType">The receiver's type, fully qualified.</param>
/// <param name="MethodName">The receiver's method name.</param>
/// <param name="IsStatic">Static or resolved from DI.</param>
/// <param name="ReturnKind">What the receiver returns.</param>
/// <param name="Arguments">The C# expressions passed to the receiver, in parameter order.</param>
/// <param name="SignalType">The signal's type as the thunk takes it, fully qualified (constructed for a generic signal).</param>
/// <param name="TypeArgument">For a generic signal, the type the receiver's parameters give the schema's type parameter, or null.</param>
/// <param name="OpenTypeParameter">
/// For a generic signal whose receiver names no type argument: the thunk's own type parameter (the
/// schema's), so it works for any type argument. Else null.
/// </param>
/// <param name="OpenConstraint">The <c>where</c> clause of <paramref name="OpenTypeParameter"/>, or empty.</param>
/// <param name="IsObsolete">True when calling the receiver warns that it, or a type around it, is <c>[Obsolete]</c>.</param>
internal sealed record BoundReceiverModel(
    string SchemaNamespace,
    string SignalName,
    int Order,
    string Receiver,
    string ThunkName,
    string ContainingType,
    string MethodName,
    bool IsStatic,
    ReceiverReturnKind ReturnKind,
    EquatableArray<string> Arguments,
    string SignalType,
    string? TypeArgument = null,
    string? OpenTypeParameter = null,
    string OpenConstraint = "",
    bool IsObsolete = false)
{
    /// <summary>True when the thunk returns a <c>ValueTask</c>: the receiver is asynchronous, or durable (staging is).</summary>
    public bool IsAsync => ReturnKind != ReceiverReturnKind.Void || Durable is not null;

    /// <summary>For a receiver marked <c>Durable = true</c>: its message and how the worker calls it; else null.</summary>
    public DurableReceiverModel? Durable { get; init; }

    /// <summary>What each parameter bound by name is passed, for the check that the thunk's call compiles.</summary>
    public EquatableArray<ArgumentFitModel> Fits { get; init; }
}

/// <summary>
/// A durable receiver: the class the generator writes for it (its message type nested inside), what the
/// message stores and how the worker calls the receiver with it.
/// </summary>
/// <param name="ClassName">The generated class's name, unique in the project (the thunk's).</param>
/// <param name="MessageName">The name stored messages carry: <c>DurableName</c>, or the signal and the receiver.</param>
/// <param name="SignalFullName">The signal's fully qualified name.</param>
/// <param name="Values">What the message stores, in parameter order.</param>
/// <param name="RunArguments">
/// The C# expressions the worker passes to the receiver, in parameter order; a value with a stored form is
/// passed as the local <c>loaded</c> + its index in <paramref name="Values"/>, which the emitter declares.
/// </param>
internal sealed record DurableReceiverModel(
    string ClassName,
    string MessageName,
    string SignalFullName,
    EquatableArray<StoredValueModel> Values,
    EquatableArray<string> RunArguments)
{
    /// <summary>True when a value is stored in another form, so staging and running are asynchronous methods of their own.</summary>
    public bool HasStoredForms
    {
        get
        {
            foreach (var value in Values)
            {
                if (value.StoredForm is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>One value a durable receiver's message stores.</summary>
/// <param name="PropertyName">The message's property.</param>
/// <param name="TypeName">The value's type as the receiver takes it, fully qualified, with nullable annotations.</param>
/// <param name="Expression">Where the thunk takes it from the signal (<c>signal.User</c>, <c>signal</c>).</param>
/// <param name="StoredForm">
/// The type the message stores instead of the value (the schema's stored form of its type parameter,
/// <c>IStoredForm&lt;T&gt;</c>), fully qualified; null when the value is stored as it is.
/// </param>
internal sealed record StoredValueModel(string PropertyName, string TypeName, string Expression, string? StoredForm = null)
{
    public bool IsNullable => TypeName.EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>The value's type without <c>?</c>: the type argument of the stored form's calls.</summary>
    public string ValueTypeName => IsNullable ? TypeName.Substring(0, TypeName.Length - 1) : TypeName;

    /// <summary>The message property's type: the stored form (nullable when the value is), or the value's type.</summary>
    public string PropertyTypeName => StoredForm is null ? TypeName : StoredForm + (IsNullable ? "?" : string.Empty);
}

/// <summary>An argument passed to a receiver parameter of its name: the call compiles only if the types fit.</summary>
/// <param name="ArgumentType">The argument's type as the schema writes it (as written for a local schema, fully qualified for a referenced one).</param>
/// <param name="ParameterType">The parameter's type, fully qualified.</param>
/// <param name="ParameterRejectsNull">True for a non-nullable reference type parameter, which a maybe-null argument must not reach.</param>
internal sealed record ArgumentFitModel(string ArgumentType, string ParameterType, bool ParameterRejectsNull);

/// <summary>One call in a dispatch table: a thunk of this project or of a referenced one.</summary>
/// <param name="SchemaNamespace">The schema the signal belongs to.</param>
/// <param name="SignalName">The signal.</param>
/// <param name="Order">Its order among the signal's receivers.</param>
/// <param name="Receiver">The receiver's fully qualified name (tie-break and failure name).</param>
/// <param name="AssemblyName">The assembly the receiver lives in (last tie-break).</param>
/// <param name="Thunk">The thunk method, fully qualified with <c>global::</c>.</param>
/// <param name="IsAsync">True when the thunk returns a <c>ValueTask</c>.</param>
/// <param name="TypeArgument">For a generic signal, the type argument the receiver is bound to, or null.</param>
/// <param name="IsOpenGeneric">True when the thunk is a generic method, called for any type argument.</param>
internal sealed record TableEntryModel(
    string SchemaNamespace,
    string SignalName,
    int Order,
    string Receiver,
    string AssemblyName,
    string Thunk,
    bool IsAsync,
    string? TypeArgument = null,
    bool IsOpenGeneric = false)
{
    /// <summary>True when the thunk stages a durable receiver's message: the stage phase runs it, the in-process phase does not.</summary>
    public bool IsDurable { get; init; }
}

/// <summary>What the compilation's references contribute: their schemas and their receivers.</summary>
/// <param name="Schemas">Schemas generated in referenced assemblies.</param>
/// <param name="Entries">Receiver thunks generated in referenced assemblies.</param>
/// <param name="ThunkClasses">Referenced thunk classes, fully qualified, for service registration.</param>
internal sealed record ReferencesModel(
    EquatableArray<SchemaModel> Schemas,
    EquatableArray<TableEntryModel> Entries,
    EquatableArray<string> ThunkClasses);

/// <summary>The dispatch table of one schema: every signal's receivers, in order.</summary>
/// <param name="Schema">The schema.</param>
/// <param name="Entries">Every receiver of every signal, sorted by signal declaration order, then receiver order.</param>
/// <param name="IsRoot">True when installed as the application's table.</param>
internal sealed record DispatchTableModel(SchemaModel Schema, EquatableArray<TableEntryModel> Entries, bool IsRoot);

/// <summary>What the application's <c>AddSignals()</c> registers.</summary>
/// <param name="AssemblyName">The application assembly.</param>
/// <param name="Senders">Every schema's sender, fully qualified.</param>
/// <param name="ThunkClasses">Every thunk class (own and referenced), fully qualified.</param>
/// <param name="OpenGenericSenders">Generic schemas' senders, unbound (<c>global::X.Signals&lt;&gt;</c>), for type arguments no receiver names.</param>
internal sealed record ServiceRegistrationModel(string AssemblyName, EquatableArray<string> Senders, EquatableArray<string> ThunkClasses, EquatableArray<string> OpenGenericSenders);
