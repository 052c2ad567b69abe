using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalGen.Diagnostics;
using SignalGen.Receivers;

namespace SignalGen.Analyzers.Receivers;

/// <summary>
/// The receiver's own shape, whatever signal it takes: what it returns (SGEN0104, SGEN0105 for
/// <c>async void</c>) and whether generated code can call it (SGEN0106), by the shared <see cref="ReceiverRules"/>.
/// </summary>
internal static class ReceiverMethodChecks
{
    public static void Check(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method)
    {
        if (ReceiverRules.IsAsyncVoid(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.AsyncVoidReceiver, declaration.ReturnType.GetLocation(), method.Name));
        }
        else if (ReceiverRules.GetReturnKind(method) is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                SignalGenDiagnostics.UnsupportedReturnType, declaration.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString(ReceiverAnalyzer.TypeFormat)));
        }

        if (ReceiverRules.WhyNotCallable(method) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.UncallableReceiver, declaration.Identifier.GetLocation(), method.Name, reason));
        }
    }
}
