using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Contract;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Receivers;

namespace SignalGen.Generator.Parsing;

/// <summary>
/// Turns a method carrying <c>[Receiver]</c> into a <see cref="ReceiverModel"/> at once, so no symbol or
/// syntax node outlives the transform. A receiver the generated code cannot call gives no model: the
/// analyzers report it, the generator just leaves it out.
/// </summary>
internal static class ReceiverParser
{
    public const string ReceiverAttributeName = RuntimeNames.ReceiverAttribute;

    private static readonly SymbolDisplayFormat s_parameterTypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>How receiver parameter types are written; bound type arguments read from references must match it.</summary>
    internal static readonly SymbolDisplayFormat QualifiedTypeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static readonly SymbolDisplayFormat s_castTypeFormat =
        QualifiedTypeFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_nameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    /// <summary>Only method declarations can be receivers; local functions cannot be called from elsewhere.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    public static ReceiverModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || ReceiverRules.WhyNotCallable(method) is not null)
        {
            return null;
        }

        if (ReceiverRules.GetReturnKind(method) is not { } returnKind)
        {
            return null;
        }

        var signals = new List<SignalReferenceModel>(context.Attributes.Length);
        var durable = false;
        foreach (var attribute in context.Attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadSignalReference(attribute, context.SemanticModel, cancellationToken) is { } reference)
            {
                signals.Add(reference);
                durable |= reference.Durable;
            }
        }

        if (signals.Count == 0)
        {
            return null;
        }

        var parameters = new List<ReceiverParameterModel>(method.Parameters.Length);
        var overloaded = HasOverloads(method);
        foreach (var parameter in method.Parameters)
        {
            parameters.Add(new ReceiverParameterModel(
                parameter.Name,
                parameter.Type.ToDisplayString(QualifiedTypeFormat),
                ReceiverRules.IsCancellationToken(parameter.Type),
                overloaded ? CastTypeName(parameter.Type) : null,
                parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.NotAnnotated,
                ReceiverRules.IsDurableDelivery(parameter.Type),
                durable && DurableRules.WhyNotStorable(parameter.Type) is null ? CastTypeName(parameter.Type) : null));
        }

        return new ReceiverModel(
            ReceiverRules.CallTarget(method).ToDisplayString(QualifiedTypeFormat),
            method.Name,
            DescribeReceiver(method),
            method.IsStatic,
            returnKind,
            parameters.ToEquatableArray(),
            signals.ToEquatableArray(),
            ImportScopeReader.Read(context.TargetNode),
            IsObsolete(method))
        {
            FilePath = context.TargetNode.SyntaxTree.FilePath,
        };
    }

    private static bool IsObsolete(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ObsoleteAttribute" } type && type.ToDisplayString() == "System.ObsoleteAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the generated call <c>Type.Method(args)</c> could bind to another method: the type or a base
    /// type has another method of that name, which C# may prefer for the argument types.
    /// </summary>
    private static bool HasOverloads(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(method.Name))
            {
                if (member is IMethodSymbol other
                    && !SymbolEqualityComparer.Default.Equals(other, method)
                    && !SymbolEqualityComparer.Default.Equals(other, method.PartialDefinitionPart)
                    && !SymbolEqualityComparer.Default.Equals(other, method.PartialImplementationPart))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The type to cast an argument to so that this overload, and no other, takes it; null where a cast
    /// would not help or would change the call (a type the compilation cannot resolve, <c>dynamic</c>).
    /// </summary>
    private static string? CastTypeName(ITypeSymbol type)
    {
        if (ContainsErrorType(type) || type.TypeKind == TypeKind.Dynamic)
        {
            return null;
        }

        var name = type.ToDisplayString(s_castTypeFormat);

        // A nullable-oblivious reference parameter takes null: cast to T?, or the cast itself warns (CS8600).
        return type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.None ? name + "?" : name;
    }

    /// <summary>True when the type, or an element or type argument of it, did not resolve.</summary>
    internal static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    /// <summary>The receiver's name as failures and tie-breaks use it: <c>Namespace.Type.Method(ParamType, ...)</c>.</summary>
    public static string DescribeReceiver(IMethodSymbol method)
    {
        var parameterTypes = new string[method.Parameters.Length];
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            parameterTypes[i] = method.Parameters[i].Type.ToDisplayString(s_parameterTypeFormat);
        }

        return ReceiverRules.CallTarget(method).ToDisplayString(s_nameFormat) + "." + method.Name + "(" + string.Join(", ", parameterTypes) + ")";
    }

    private static SignalReferenceModel? ReadSignalReference(AttributeData attribute, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var order = ReadNamed(attribute, syntax, "Order", semanticModel, cancellationToken) is int value ? value : 0;
        var durable = ReadNamed(attribute, syntax, "Durable", semanticModel, cancellationToken) is true;
        var durableName = durable ? ReadNamed(attribute, syntax, "DurableName", semanticModel, cancellationToken) as string : null;

        // Schema in a referenced assembly: the enum resolves and the constant names the member exactly.
        if (attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Type: INamedTypeSymbol { Name: GeneratedNames.SignalEnum } enumType } constant)
        {
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant.Value))
                {
                    return new SignalReferenceModel(field.Name, null, enumType.ContainingNamespace.ToDisplayString(), order, durable, durableName);
                }
            }

            return null;
        }

        // Schema in this project: Signal is generated, so the compilation the generator sees cannot
        // resolve it. Read the member from the attribute's syntax instead.
        if (syntax is not { ArgumentList: { } arguments })
        {
            return null;
        }

        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            // [Receiver((Signal.X))] names the same member; C# allows the parentheses, so the generator skips them too.
            var expression = argument.Expression;
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression switch
            {
                MemberAccessExpressionSyntax access => new SignalReferenceModel(
                    access.Name.Identifier.ValueText, ImportScopeReader.NameText(access.Expression), null, order, durable, durableName),
                IdentifierNameSyntax name => new SignalReferenceModel(name.Identifier.ValueText, null, null, order, durable, durableName),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// Reads a named argument of the attribute (<c>Order</c>, <c>Durable</c>, <c>DurableName</c>). When the
    /// signal argument does not bind (schema in this project), Roslyn drops every named argument of the
    /// attribute, so the value is read from syntax as a constant instead.
    /// </summary>
    private static object? ReadNamed(AttributeData attribute, AttributeSyntax? syntax, string name, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                return named.Value.Value;
            }
        }

        if (syntax?.ArgumentList is { } arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return Literal(argument.Expression) ?? Constant(argument.Expression, semanticModel, cancellationToken);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The value of <c>5</c>, <c>-5</c>, <c>true</c> or <c>"name"</c>, which is what the compiler would make of
    /// it, or null for any other expression. Asking the semantic model binds the whole attribute again, which a
    /// one-file edit would do for every receiver that sets <c>Order</c>.
    /// </summary>
    private static object? Literal(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax { Token.Value: int or bool or string } literal => literal.Token.Value,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int value } } => -value,
        _ => null,
    };

    private static object? Constant(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        semanticModel.GetConstantValue(expression, cancellationToken) is { HasValue: true } constant ? constant.Value : null;
}
