using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalGen.Diagnostics;

namespace SignalGen.Analyzers.Receivers;

/// <summary>
/// Which signal a <c>[Receiver(...)]</c> attribute names: a member of a generated <c>Signal</c> enum, or
/// SGEN0101 where it names none that the generator has not already reported.
/// </summary>
internal static class SignalArgumentResolver
{
    public static ExpressionSyntax? SignalArgument(AttributeSyntax attribute)
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
    public static SignalInfo? Resolve(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, SignalCatalog catalog)
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
}
