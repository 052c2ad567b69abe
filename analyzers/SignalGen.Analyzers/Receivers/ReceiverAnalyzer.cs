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
/// <remarks>
/// This class finds the <c>[Receiver]</c> attributes and runs the phases, each in a class named for what
/// it checks: <see cref="ReceiverMethodChecks"/> (return type, callable), <see cref="SignalArgumentResolver"/>
/// (the signal named), <see cref="ReceiverParameterChecks"/> (parameters against that signal).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceiverAnalyzer : DiagnosticAnalyzer
{
    private const string ReceiverAttributeName = RuntimeNames.ReceiverAttribute;

    internal static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
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
        SignalGenDiagnostics.InternalSignalOutsideAssembly,
        SignalGenDiagnostics.UnstorableDurableParameter,
        SignalGenDiagnostics.DeliveryInNonDurableReceiver);

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

        ReceiverMethodChecks.Check(context, declaration, method);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (SignalArgumentResolver.Resolve(context, attribute, catalog) is not { } signal)
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
                    SignalGenDiagnostics.InternalSignalOutsideAssembly, SignalArgumentResolver.SignalArgument(attribute)!.GetLocation(), signal.Name, signal.Type.ContainingAssembly.Name));
            }

            ReceiverParameterChecks.Check(context, declaration, method, signal, IsDurable(attribute, model, cancellationToken));
        }
    }

    /// <summary>True when the attribute sets <c>Durable = true</c>.</summary>
    private static bool IsDurable(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == "Durable")
            {
                return model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: true };
            }
        }

        return false;
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
}
