using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalGen.Contract;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Parsing;

/// <summary>
/// Reads what referenced assemblies generated: their schemas (through <c>[assembly: SignalSchema]</c>)
/// and their receiver thunks (through <c>[assembly: ReceiverThunks]</c>). Only assembly attributes of
/// references are read, which Roslyn caches per reference, so this stays cheap on every keystroke.
/// </summary>
internal static class ReferenceReader
{
    private const string SchemaAttributeName = RuntimeNames.SignalSchemaAttribute;
    private const string ThunksAttributeName = RuntimeNames.ReceiverThunksAttribute;
    private const string ThunkAttributeName = RuntimeNames.ReceiverThunkAttribute;
    private const string InternalSignalAttributeName = RuntimeNames.InternalSignalAttribute;

    private static readonly string s_schemaAttributeSimpleName = SimpleName(SchemaAttributeName);
    private static readonly string s_thunksAttributeSimpleName = SimpleName(ThunksAttributeName);

    private static readonly SymbolDisplayFormat s_typeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ReferencesModel Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var schemas = new List<SchemaModel>();
        var entries = new List<TableEntryModel>();
        var thunkClasses = new List<string>();

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var attribute in assembly.GetAttributes())
            {
                // Every reference's attributes are looked at on every compilation: the simple name rules
                // out nearly all of them before the full name is spelled out.
                if (attribute.AttributeClass is not { Name: var simpleName } || (simpleName != s_schemaAttributeSimpleName && simpleName != s_thunksAttributeSimpleName))
                {
                    continue;
                }

                var name = attribute.AttributeClass.ToDisplayString();
                if (name == SchemaAttributeName && TypeArgument(attribute) is { } sender && ReadSchema(sender) is { } schema)
                {
                    schemas.Add(schema);
                }
                else if (name == ThunksAttributeName && TypeArgument(attribute) is { } thunks)
                {
                    thunkClasses.Add(thunks.ToDisplayString(s_typeFormat));
                    ReadThunks(thunks, assembly.Name, entries);
                }
            }
        }

        // Reference order is not meaningful; sorting keeps the model equal across runs.
        schemas.Sort((a, b) => string.CompareOrdinal(a.Namespace, b.Namespace));
        thunkClasses.Sort(string.CompareOrdinal);
        return new ReferencesModel(schemas.ToEquatableArray(), entries.ToEquatableArray(), thunkClasses.ToEquatableArray());
    }

    private static string SimpleName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

    private static INamedTypeSymbol? TypeArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;

    private static SchemaModel? ReadSchema(INamedTypeSymbol sender)
    {
        var ns = sender.ContainingNamespace;
        if (ns is null || Single(ns.GetTypeMembers(GeneratedNames.SignalEnum)) is not { TypeKind: TypeKind.Enum } signalEnum)
        {
            return null;
        }

        var signals = new List<SignalModel>();
        foreach (var member in signalEnum.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true } field
                || Single(ns.GetTypeMembers(field.Name)) is not { TypeKind: TypeKind.Struct } signalType)
            {
                continue;
            }

            var arguments = new List<ArgumentModel>();
            foreach (var constructor in signalType.InstanceConstructors)
            {
                if (constructor.Parameters.Length == 0)
                {
                    continue;
                }

                foreach (var parameter in constructor.Parameters)
                {
                    arguments.Add(new ArgumentModel(parameter.Name, parameter.Type.ToDisplayString(s_typeFormat)));
                }

                break;
            }

            signals.Add(new SignalModel(field.Name, null, null, IsInternal(signalType), SignalMode.Veto, arguments.ToEquatableArray(), signalType.Arity == 1));
        }

        var typeParameters = sender.OriginalDefinition.TypeParameters;
        var typeParameter = typeParameters.Length == 1
            ? new TypeParameterModel(typeParameters[0].Name, Constraint(typeParameters[0])) { StoredForm = StoredForm(sender) }
            : null;
        return new SchemaModel(ns.ToDisplayString(), EquatableArray<string>.Empty, signals.ToEquatableArray(), IsReferenced: true, typeParameter)
        {
            AssemblyName = sender.ContainingAssembly.Name,
        };
    }

    /// <summary>
    /// The stored form the schema's assembly declares for its type parameter
    /// (<c>[assembly: DurableStoredForm(typeof(Signals&lt;&gt;), typeof(StoredUser))]</c>), fully qualified, when the
    /// type implements <c>IStoredForm&lt;T&gt;</c> (so the generated calls compile); else null.
    /// </summary>
    private static string? StoredForm(INamedTypeSymbol sender)
    {
        foreach (var attribute in sender.ContainingAssembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == RuntimeNames.DurableStoredFormAttribute
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol named
                && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, sender.OriginalDefinition)
                && attribute.ConstructorArguments[1].Value is INamedTypeSymbol form
                && ImplementsStoredForm(form))
            {
                return form.ToDisplayString(ReceiverParser.QualifiedTypeFormat);
            }
        }

        return null;
    }

    private static bool ImplementsStoredForm(INamedTypeSymbol form)
    {
        foreach (var implemented in form.AllInterfaces)
        {
            if (implemented.ContainingNamespace?.ToDisplayString() + "." + implemented.MetadataName == RuntimeNames.StoredFormInterface
                && implemented.TypeArguments.Length == 1
                && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], form))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The constraint as the schema wrote it; the generator only ever emits one.</summary>
    private static string Constraint(ITypeParameterSymbol parameter)
    {
        if (parameter.HasReferenceTypeConstraint)
        {
            return parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class";
        }

        if (parameter.HasUnmanagedTypeConstraint)
        {
            return "unmanaged";
        }

        if (parameter.HasValueTypeConstraint)
        {
            return "struct";
        }

        if (parameter.HasNotNullConstraint)
        {
            return "notnull";
        }

        return parameter.ConstraintTypes.Length == 1 ? parameter.ConstraintTypes[0].ToDisplayString(s_typeFormat) : string.Empty;
    }

    private static bool IsInternal(INamedTypeSymbol signalType)
    {
        foreach (var attribute in signalType.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "InternalSignalAttribute" } type && type.ToDisplayString() == InternalSignalAttributeName)
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol? Single(System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> types) =>
        types.Length == 1 ? types[0] : null;

    private static void ReadThunks(INamedTypeSymbol thunks, string assemblyName, List<TableEntryModel> entries)
    {
        var className = thunks.ToDisplayString(s_typeFormat);
        foreach (var member in thunks.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: true, Parameters.Length: 3 } method
                || method.Parameters[0].Type is not INamedTypeSymbol signalType)
            {
                continue;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == ThunkAttributeName
                    && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Value is string receiver
                    && attribute.ConstructorArguments[1].Value is int order)
                {
                    var isOpen = method.IsGenericMethod;
                    var typeArgument = !isOpen && signalType.TypeArguments.Length == 1
                        ? signalType.TypeArguments[0].ToDisplayString(ReceiverParser.QualifiedTypeFormat)
                        : null;
                    entries.Add(new TableEntryModel(
                        signalType.ContainingNamespace.ToDisplayString(),
                        signalType.Name,
                        order,
                        receiver,
                        assemblyName,
                        className + "." + method.Name,
                        IsAsync: !method.ReturnsVoid,
                        typeArgument,
                        isOpen)
                    {
                        IsDurable = IsDurable(attribute),
                    });
                }
            }
        }
    }

    private static bool IsDurable(AttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Durable" && named.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }
}
