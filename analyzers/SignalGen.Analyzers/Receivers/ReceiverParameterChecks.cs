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
/// whose type does not take its argument, or names the schema's type parameter inconsistently (SGEN0103);
/// for a durable receiver, a value that cannot be stored (SGEN0109); for any other, a <c>DurableDelivery</c>
/// (SGEN0110).
/// </summary>
internal static class ReceiverParameterChecks
{
    public static void Check(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method, SignalInfo signal, bool durable)
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
                    // A parameter that does not take its argument is SGEN0103 alone: storing it is not the problem yet.
                    if (CheckArgumentFits(context, syntax[i], parameter, argument!, signal, ref boundType) && durable)
                    {
                        CheckStorable(context, syntax[i], method, parameter, signal, DurableRules.WhyNotStorable(parameter.Type));
                    }

                    break;
                case ParameterSource.Signal when durable && WhyNotStorable(signal) is { } reason:
                    CheckStorable(context, syntax[i], method, parameter, signal, reason);
                    break;
                case ParameterSource.DurableDelivery when !durable:
                    context.ReportDiagnostic(Diagnostic.Create(
                        SignalGenDiagnostics.DeliveryInNonDurableReceiver, syntax[i].Identifier.GetLocation(), parameter.Name, method.Name, signal.Name));
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

    private static void CheckStorable(SyntaxNodeAnalysisContext context, ParameterSyntax syntax, IMethodSymbol method, IParameterSymbol parameter, SignalInfo signal, string? reason)
    {
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                SignalGenDiagnostics.UnstorableDurableParameter,
                (syntax.Type ?? (SyntaxNode)syntax).GetLocation(),
                method.Name,
                signal.Name,
                parameter.Name,
                reason,
                DurableRules.Alternative));
        }
    }

    /// <summary>Why the whole signal cannot be stored: the first of its arguments that cannot be.</summary>
    private static string? WhyNotStorable(SignalInfo signal)
    {
        foreach (var argument in signal.Arguments)
        {
            if (DurableRules.WhyNotStorable(argument.Type) is { } reason)
            {
                return "it takes the whole signal, whose argument '" + argument.Name + "' cannot be stored (" + reason + ")";
            }
        }

        return null;
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

        public bool IsDurableDelivery(IParameterSymbol parameter) => ReceiverRules.IsDurableDelivery(parameter.Type);
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

    /// <summary>Reports SGEN0103 when the parameter does not take its argument; true when it does.</summary>
    private static bool CheckArgumentFits(SyntaxNodeAnalysisContext context, ParameterSyntax syntax, IParameterSymbol parameter, IParameterSymbol argument, SignalInfo signal, ref ITypeSymbol? boundType)
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
            return problem is null;
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
        return false;
    }
}
