using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SignalGen.Contract;

namespace SignalGen.Analyzers.Receivers;

/// <summary>A signal as the compilation sees it: its generated type and its arguments.</summary>
/// <param name="Name">The signal's name, the enum member's.</param>
/// <param name="Type">The generated signal struct.</param>
/// <param name="Arguments">Its arguments: the constructor's parameters, in order.</param>
/// <param name="IsInternal">True when the schema marks it <c>"internal"</c>.</param>
internal sealed record SignalInfo(string Name, INamedTypeSymbol Type, ImmutableArray<IParameterSymbol> Arguments, bool IsInternal);

/// <summary>
/// Recognises SignalGen's generated <c>Signal</c> enums and reads their signals, in source and in
/// references alike: by the time analyzers run, the generated code is part of the compilation.
/// </summary>
internal sealed class SignalCatalog
{
    private const string SignalSchemaAttributeName = RuntimeNames.SignalSchemaAttribute;
    private const string InternalSignalAttributeName = RuntimeNames.InternalSignalAttribute;

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _isSignalEnum = new(SymbolEqualityComparer.Default);

    /// <summary>True for the <c>Signal</c> enum of a schema, whose assembly names the schema's sender in <c>[SignalSchema]</c>.</summary>
    public bool IsSignalEnum(INamedTypeSymbol? type) =>
        type is { TypeKind: TypeKind.Enum, Name: GeneratedNames.SignalEnum } && _isSignalEnum.GetOrAdd(type, static enumType => HasSchemaAttribute(enumType));

    /// <summary>The signal <paramref name="name"/> of <paramref name="signalEnum"/>, or null when the enum has no such member or type.</summary>
    public static SignalInfo? Find(INamedTypeSymbol signalEnum, string name)
    {
        if (signalEnum.GetMembers(name).IsEmpty)
        {
            return null;
        }

        foreach (var type in signalEnum.ContainingNamespace.GetTypeMembers(name))
        {
            if (type.TypeKind != TypeKind.Struct)
            {
                continue;
            }

            var arguments = ImmutableArray<IParameterSymbol>.Empty;
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.Parameters.Length > arguments.Length)
                {
                    arguments = constructor.Parameters;
                }
            }

            return new SignalInfo(name, type, arguments, HasAttribute(type, InternalSignalAttributeName));
        }

        return null;
    }

    /// <summary>The names of the signals of <paramref name="signalEnum"/>, in declaration order.</summary>
    public static ImmutableArray<string> Names(INamedTypeSymbol signalEnum)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var member in signalEnum.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true })
            {
                names.Add(member.Name);
            }
        }

        return names.ToImmutable();
    }

    private static bool HasSchemaAttribute(INamedTypeSymbol signalEnum)
    {
        foreach (var attribute in signalEnum.ContainingAssembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == SignalSchemaAttributeName
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol sender
                && SymbolEqualityComparer.Default.Equals(sender.ContainingNamespace, signalEnum.ContainingNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, string name)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == name)
            {
                return true;
            }
        }

        return false;
    }
}
