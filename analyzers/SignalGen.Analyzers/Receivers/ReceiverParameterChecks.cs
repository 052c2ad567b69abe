using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalGen.Diagnostics;
using SignalGen.Receivers;
using SignalGen.Schema.Model;

namespace SignalGen.Analyzers.Receivers;

/// <summary>
/// The receiver's parameters against one signal it takes, by the shared <see cref="ParameterBinding"/>
/// rule: a parameter that binds to nothing (SGEN0102, with the parameter list the fix writes) and one
/// whose type does not take its argument, or names the schema's type parameter inconsistently (SGEN0103).
/// </summary>
internal static class ReceiverParameterChecks
{
    public static void Check(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method, SignalInfo signal)
    {
        var syntax = declaration.ParameterList.Parameters;
        var view = new SignalView(signal);
        ITypeSymbol? boundType = null;
        for (var i = 0; i < method.Parameters.Length && i < syntax.Count; i++)
        {
            var parameter = method.Parameters[i];
            switch (ParameterBinding.Bind(view, parameter, out IParameterSymbol? argument))
            {
                case ParameterSource.Argument:
                    CheckArgumentFits(context, syntax[i], parameter, argument!, signal, ref boundType);
                    break;

                // UserSignedUp<AppUser> names the type parameter too; it must agree with the other parameters.
                case ParameterSource.Signal when parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } constructed && syntax[i].Type is { } typeSyntax:
                    CheckTypeArgument(context, typeSyntax, parameter, constructed.TypeArguments[0], signal, ref boundType);
                    break;
                case ParameterSource.None:
                    var names = signal.Arguments.IsEmpty ? "it has none" : string.Join(", ", signal.Arguments.Select(a => a.Name));
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(
                        SignalGenDiagnostics.ParametersProperty, MatchingParameters(context.SemanticModel, declaration, method, view));
                    context.ReportDiagnostic(Diagnostic.Create(
                        SignalGenDiagnostics.UnmatchedParameter, syntax[i].Identifier.GetLocation(), properties, parameter.Name, signal.Name, names));
                    break;
            }
        }
    }

    /// <summary>The parameter list the fix writes: every argument in schema order, then the method's own CancellationToken if it has one.</summary>
    private static string MatchingParameters(SemanticModel model, MethodDeclarationSyntax declaration, IMethodSymbol method, SignalView view)
    {
        var position = declaration.ParameterList.SpanStart;
        var parameters = view.Signal.Arguments
            .Select(argument => argument.Type.ToMinimalDisplayString(model, position, ReceiverAnalyzer.TypeFormat) + " " + Identifiers.Escape(argument.Name))
            .ToList();
        var syntax = declaration.ParameterList.Parameters;
        for (var i = 0; i < method.Parameters.Length && i < syntax.Count; i++)
        {
            if (ParameterBinding.Bind(view, method.Parameters[i], out IParameterSymbol? _) == ParameterSource.CancellationToken)
            {
                parameters.Add(syntax[i].WithoutTrivia().ToString());
            }
        }

        return string.Join(", ", parameters);
    }

    /// <summary>The binding rule's view of a signal as the compilation has it: the generated struct and its constructor's parameters.</summary>
    private readonly struct SignalView(SignalInfo signal) : ISignalParameterView<IParameterSymbol, IParameterSymbol>
    {
        public SignalInfo Signal => signal;

        public string NameOf(IParameterSymbol parameter) => parameter.Name;

        public IParameterSymbol? FindArgument(string name)
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

        public bool IsSignalType(IParameterSymbol parameter) =>
            SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, signal.Type.OriginalDefinition);

        public bool IsCancellationToken(IParameterSymbol parameter) => ReceiverRules.IsCancellationToken(parameter.Type);
    }

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
            problem = ", but another parameter of the receiver names " + typeParameter.Name + " as '" + boundType.ToDisplayString(ReceiverAnalyzer.TypeFormat) + "'";
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
            parameter.Type.ToDisplayString(ReceiverAnalyzer.TypeFormat),
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
                return constraintType.ToDisplayString(ReceiverAnalyzer.TypeFormat);
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
            SignalGenDiagnostics.ArgumentTypeProperty, argument.Type.ToMinimalDisplayString(context.SemanticModel, syntax.SpanStart, ReceiverAnalyzer.TypeFormat));
        context.ReportDiagnostic(Diagnostic.Create(
            SignalGenDiagnostics.ParameterTypeMismatch,
            syntax.Type.GetLocation(),
            properties,
            parameter.Name,
            parameter.Type.ToDisplayString(ReceiverAnalyzer.TypeFormat),
            signal.Name,
            argument.Type.ToDisplayString(ReceiverAnalyzer.TypeFormat),
            problem));
    }
}
