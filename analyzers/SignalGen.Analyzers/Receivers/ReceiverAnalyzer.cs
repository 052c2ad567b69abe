using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalGen.Contract;
using SignalGen.Diagnostics;
using SignalGen.Receivers;

namespace SignalGen.Analyzers.Receivers;

/// <summary>
/// Checks methods tagged <c>[Receiver(...)]</c> against the signals they name: that the signal
/// exists, that every parameter gets a value of a type it accepts, that the generated code can call
/// the method and await what it returns. Each diagnostic sits on the attribute argument, parameter or
/// return type at fault. The generator skips what these rules reject and leaves no compiler error
/// behind for them, so these run on the command line too and update as you type in every editor.
/// A member name the schema lacks (<c>Signal.Typo</c>) is reported by the generator instead, never
/// here: it comes with the compiler's CS0117, after which the command line runs no analyzer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceiverAnalyzer : DiagnosticAnalyzer
{
    private const string ReceiverAttributeName = RuntimeNames.ReceiverAttribute;

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SignalGenDiagnostics.UnknownSignal,
        SignalGenDiagnostics.UnmatchedParameter,
        SignalGenDiagnostics.ParameterTypeMismatch,
        SignalGenDiagnostics.UnsupportedReturnType,
        SignalGenDiagnostics.AsyncVoidReceiver,
        SignalGenDiagnostics.UncallableReceiver,
        SignalGenDiagnostics.DuplicateReceiverSignal,
        SignalGenDiagnostics.InternalSignalOutsideAssembly);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ReceiverAttributeName) is not { } receiverAttribute)
            {
                return;
            }

            var catalog = new SignalCatalog();
            start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, receiverAttribute, catalog), SyntaxKind.MethodDeclaration);

            // The generator looks only at method declarations; anything else that can carry [Receiver] is never called.
            start.RegisterSyntaxNodeAction(
                node => AnalyzeNotAMethodDeclaration(node, receiverAttribute),
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.OperatorDeclaration,
                SyntaxKind.ConversionOperatorDeclaration,
                SyntaxKind.DestructorDeclaration,
                SyntaxKind.GetAccessorDeclaration,
                SyntaxKind.SetAccessorDeclaration,
                SyntaxKind.InitAccessorDeclaration,
                SyntaxKind.AddAccessorDeclaration,
                SyntaxKind.RemoveAccessorDeclaration);
        });
    }

    private static void AnalyzeNotAMethodDeclaration(SyntaxNodeAnalysisContext context, INamedTypeSymbol receiverAttribute)
    {
        var (attributeLists, name, location) = context.Node switch
        {
            LocalFunctionStatementSyntax local => (local.AttributeLists, local.Identifier.ValueText, local.Identifier.GetLocation()),
            ParenthesizedLambdaExpressionSyntax lambda => (lambda.AttributeLists, "lambda", lambda.ParameterList.GetLocation()),
            OperatorDeclarationSyntax op => (op.AttributeLists, "operator " + op.OperatorToken.ValueText, op.OperatorToken.GetLocation()),
            ConversionOperatorDeclarationSyntax conversion => (conversion.AttributeLists, "operator " + conversion.Type, conversion.Type.GetLocation()),
            DestructorDeclarationSyntax destructor => (destructor.AttributeLists, "~" + destructor.Identifier.ValueText, destructor.Identifier.GetLocation()),
            AccessorDeclarationSyntax accessor => (accessor.AttributeLists, accessor.Keyword.ValueText, accessor.Keyword.GetLocation()),
            _ => (default(SyntaxList<AttributeListSyntax>), string.Empty, Location.None),
        };
        if (!MayHaveReceiverAttribute(attributeLists, context.Node.SyntaxTree)
            || ReceiverAttributes(attributeLists, context.SemanticModel, receiverAttribute, context.CancellationToken).Count == 0)
        {
            return;
        }

        var method = context.Node is ParenthesizedLambdaExpressionSyntax
            ? context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol as IMethodSymbol
            : context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) as IMethodSymbol;
        var reason = (method is null ? null : ReceiverRules.WhyNotCallable(method)) ?? "it is not an ordinary method";
        context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.UncallableReceiver, location, name, reason));
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol receiverAttribute, SignalCatalog catalog)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (!MayHaveReceiverAttribute(declaration.AttributeLists, declaration.SyntaxTree))
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        var attributes = ReceiverAttributes(declaration.AttributeLists, model, receiverAttribute, cancellationToken);
        if (attributes.Count == 0 || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method)
        {
            return;
        }

        CheckMethod(context, declaration, method);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (ResolveSignal(context, attribute, catalog) is not { } signal)
            {
                continue;
            }

            if (!seen.Add(signal.Type.ToDisplayString()))
            {
                context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.DuplicateReceiverSignal, attribute.GetLocation(), method.Name, signal.Name));
                continue;
            }

            if (signal.IsInternal && !SymbolEqualityComparer.Default.Equals(signal.Type.ContainingAssembly, context.Compilation.Assembly))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    SignalGenDiagnostics.InternalSignalOutsideAssembly, SignalArgument(attribute)!.GetLocation(), signal.Name, signal.Type.ContainingAssembly.Name));
            }

            CheckParameters(context, declaration, method, signal);
        }
    }

    /// <summary>The cheap syntactic test first: no attribute named like ours (and no alias that could rename it), no semantic work.</summary>
    private static bool MayHaveReceiverAttribute(SyntaxList<AttributeListSyntax> attributeLists, SyntaxTree tree)
    {
        if (attributeLists.Count == 0)
        {
            return false;
        }

        foreach (var list in attributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (RightmostName(attribute.Name) is "Receiver" or "ReceiverAttribute")
                {
                    return true;
                }
            }
        }

        return tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(directive => directive.Alias is not null);
    }

    private static string RightmostName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private static List<AttributeSyntax> ReceiverAttributes(SyntaxList<AttributeListSyntax> attributeLists, SemanticModel model, INamedTypeSymbol receiverAttribute, CancellationToken cancellationToken)
    {
        var found = new List<AttributeSyntax>();
        foreach (var list in attributeLists)
        {
            if (list.Target is { } target && !target.Identifier.IsKind(SyntaxKind.MethodKeyword))
            {
                continue;
            }

            foreach (var attribute in list.Attributes)
            {
                var info = model.GetSymbolInfo(attribute, cancellationToken);
                var constructor = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
                if (SymbolEqualityComparer.Default.Equals(constructor?.ContainingType, receiverAttribute))
                {
                    found.Add(attribute);
                }
            }
        }

        return found;
    }

    private static void CheckMethod(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method)
    {
        if (ReceiverRules.IsAsyncVoid(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.AsyncVoidReceiver, declaration.ReturnType.GetLocation(), method.Name));
        }
        else if (ReceiverRules.GetReturnKind(method) is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                SignalGenDiagnostics.UnsupportedReturnType, declaration.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString(s_typeFormat)));
        }

        if (ReceiverRules.WhyNotCallable(method) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.UncallableReceiver, declaration.Identifier.GetLocation(), method.Name, reason));
        }
    }

    private static ExpressionSyntax? SignalArgument(AttributeSyntax attribute)
    {
        if (attribute.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in attribute.ArgumentList.Arguments)
        {
            if (argument.NameEquals is null && argument.NameColon is null)
            {
                return argument.Expression;
            }
        }

        return null;
    }

    /// <summary>The signal the attribute names, or null after reporting why it names none (or when the compiler already says so).</summary>
    private static SignalInfo? ResolveSignal(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, SignalCatalog catalog)
    {
        if (SignalArgument(attribute) is not { } expression)
        {
            return null;
        }

        // The generator looks through parentheses as C# does.
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (model.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum } enumType } field)
        {
            if (catalog.IsSignalEnum(enumType))
            {
                return SignalCatalog.Find(enumType, field.Name);
            }

            ReportNotASignal(context, expression);
            return null;
        }

        // Signal.Typo (the enum binds, its member does not) is the generator's to report: the compiler's CS0117
        // beside it stops analyzers on the command line. Unresolved names are the compiler's to report, and
        // a value of some other type ([Receiver("UserSignedUp")], [Receiver(42)]) is reported here.
        if (model.GetTypeInfo(expression, cancellationToken).Type is not { TypeKind: not TypeKind.Error } type)
        {
            return null;
        }

        if (type is not INamedTypeSymbol signalEnum || !catalog.IsSignalEnum(signalEnum))
        {
            ReportNotASignal(context, expression);
            return null;
        }

        // A signal computed rather than named: a cast, a constant declared elsewhere, an operator. For a schema in a
        // referenced assembly the generator reads the constant, so it is checked like any other. For one in this
        // project the enum is generated, so the generator can only read a member's name from source, and skips this.
        if (SymbolEqualityComparer.Default.Equals(signalEnum.ContainingAssembly, context.Compilation.Assembly))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                SignalGenDiagnostics.UnknownSignal,
                expression.GetLocation(),
                expression.ToString(),
                signalEnum.ContainingNamespace.ToDisplayString(),
                "; name the member, as in Signal." + SignalCatalog.Names(signalEnum).FirstOrDefault() + " (the generator reads this project's signals by name)"));
            return null;
        }

        if (model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: { } value })
        {
            foreach (var member in signalEnum.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } constant && Equals(constant.ConstantValue, value))
                {
                    return SignalCatalog.Find(signalEnum, constant.Name);
                }
            }
        }

        return null;
    }

    private static void ReportNotASignal(SyntaxNodeAnalysisContext context, ExpressionSyntax expression) =>
        context.ReportDiagnostic(Diagnostic.Create(
            SignalGenDiagnostics.UnknownSignal, expression.GetLocation(), expression.ToString(), "any SignalGen schema", "; pass a member of a generated Signal enum"));

    private static void CheckParameters(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method, SignalInfo signal)
    {
        var syntax = declaration.ParameterList.Parameters;
        ITypeSymbol? boundType = null;
        for (var i = 0; i < method.Parameters.Length && i < syntax.Count; i++)
        {
            var parameter = method.Parameters[i];
            var argument = FindArgument(signal, parameter.Name);
            if (argument is not null)
            {
                CheckArgumentFits(context, syntax[i], parameter, argument, signal, ref boundType);
            }
            else if (IsSignalType(parameter.Type, signal))
            {
                // UserSignedUp<AppUser> names the type parameter too; it must agree with the other parameters.
                if (parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } constructed && syntax[i].Type is { } typeSyntax)
                {
                    CheckTypeArgument(context, typeSyntax, parameter, constructed.TypeArguments[0], signal, ref boundType);
                }
            }
            else if (!ReceiverRules.IsCancellationToken(parameter.Type))
            {
                var names = signal.Arguments.IsEmpty ? "it has none" : string.Join(", ", signal.Arguments.Select(a => a.Name));
                var properties = ImmutableDictionary<string, string?>.Empty.Add(
                    SignalGenDiagnostics.ParametersProperty, MatchingParameters(context.SemanticModel, declaration, method, signal));
                context.ReportDiagnostic(Diagnostic.Create(
                    SignalGenDiagnostics.UnmatchedParameter, syntax[i].Identifier.GetLocation(), properties, parameter.Name, signal.Name, names));
            }
        }
    }

    /// <summary>The parameter list the fix writes: every argument in schema order, then the method's own CancellationToken if it has one.</summary>
    private static string MatchingParameters(SemanticModel model, MethodDeclarationSyntax declaration, IMethodSymbol method, SignalInfo signal)
    {
        var position = declaration.ParameterList.SpanStart;
        var parameters = signal.Arguments
            .Select(argument => argument.Type.ToMinimalDisplayString(model, position, s_typeFormat) + " " + EscapeIdentifier(argument.Name))
            .ToList();
        var syntax = declaration.ParameterList.Parameters;
        for (var i = 0; i < method.Parameters.Length && i < syntax.Count; i++)
        {
            if (ReceiverRules.IsCancellationToken(method.Parameters[i].Type) && FindArgument(signal, method.Parameters[i].Name) is null)
            {
                parameters.Add(syntax[i].WithoutTrivia().ToString());
            }
        }

        return string.Join(", ", parameters);
    }

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static IParameterSymbol? FindArgument(SignalInfo signal, string name)
    {
        foreach (var argument in signal.Arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsSignalType(ITypeSymbol type, SignalInfo signal) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, signal.Type.OriginalDefinition);

    /// <summary>
    /// An argument typed with the schema's type parameter (TUser) takes the parameter's type as the type
    /// argument: it must meet the constraint and agree with what the receiver's other parameters name.
    /// </summary>
    private static void CheckTypeArgument(SyntaxNodeAnalysisContext context, TypeSyntax syntax, IParameterSymbol parameter, ITypeSymbol named, SignalInfo signal, ref ITypeSymbol? boundType)
    {
        var typeParameter = signal.Type.OriginalDefinition.TypeParameters[0];
        string? problem = null;
        var withoutAnnotation = named.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (boundType is not null && !SymbolEqualityComparer.Default.Equals(boundType, withoutAnnotation))
        {
            problem = ", but another parameter of the receiver names " + typeParameter.Name + " as '" + boundType.ToDisplayString(s_typeFormat) + "'";
        }
        else if (ViolatedConstraint(context.Compilation, typeParameter, named) is { } constraint)
        {
            problem = ", which does not meet " + typeParameter.Name + "'s constraint '" + constraint + "'";
        }

        boundType ??= withoutAnnotation;
        if (problem is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            SignalGenDiagnostics.ParameterTypeMismatch,
            syntax.GetLocation(),
            parameter.Name,
            parameter.Type.ToDisplayString(s_typeFormat),
            signal.Name,
            typeParameter.Name,
            problem));
    }

    private static string? ViolatedConstraint(Compilation compilation, ITypeParameterSymbol typeParameter, ITypeSymbol type)
    {
        if (typeParameter.HasReferenceTypeConstraint && !type.IsReferenceType)
        {
            return "class";
        }

        if (typeParameter.HasValueTypeConstraint && !type.IsValueType)
        {
            return "struct";
        }

        foreach (var constraintType in typeParameter.ConstraintTypes)
        {
            if (!compilation.ClassifyCommonConversion(type, constraintType).IsImplicit)
            {
                return constraintType.ToDisplayString(s_typeFormat);
            }
        }

        return null;
    }

    private static void CheckArgumentFits(SyntaxNodeAnalysisContext context, ParameterSyntax syntax, IParameterSymbol parameter, IParameterSymbol argument, SignalInfo signal, ref ITypeSymbol? boundType)
    {
        if (argument.Type is ITypeParameterSymbol && syntax.Type is { } typeSyntax)
        {
            CheckTypeArgument(context, typeSyntax, parameter, parameter.Type, signal, ref boundType);
        }

        string? problem = null;
        if (argument.Type is not ITypeParameterSymbol && !context.Compilation.ClassifyCommonConversion(argument.Type, parameter.Type).IsImplicit)
        {
            problem = ", which does not convert to it";
        }
        else if (argument.Type.IsReferenceType
            && argument.Type.NullableAnnotation == NullableAnnotation.Annotated
            && parameter.Type.NullableAnnotation == NullableAnnotation.NotAnnotated)
        {
            // The generated call would pass a maybe-null value to a non-nullable parameter (CS8604 in generated code).
            problem = ", which may be null";
        }

        if (problem is null || syntax.Type is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(
            SignalGenDiagnostics.ArgumentTypeProperty, argument.Type.ToMinimalDisplayString(context.SemanticModel, syntax.SpanStart, s_typeFormat));
        context.ReportDiagnostic(Diagnostic.Create(
            SignalGenDiagnostics.ParameterTypeMismatch,
            syntax.Type.GetLocation(),
            properties,
            parameter.Name,
            parameter.Type.ToDisplayString(s_typeFormat),
            signal.Name,
            argument.Type.ToDisplayString(s_typeFormat),
            problem));
    }
}
