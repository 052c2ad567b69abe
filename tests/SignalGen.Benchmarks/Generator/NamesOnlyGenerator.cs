using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SignalGen.Benchmarks.Generator;

/// <summary>
/// The least a generator built on <c>ForAttributeWithMetadataName</c> can do with SignalGen's receivers:
/// find them as SignalGen does, read each one's class name, write the names into one file. Measured
/// next to SignalGen, it shows what the Roslyn API costs by itself: on a new compilation the driver
/// binds every attributed method and runs every transform again, whatever changed.
/// </summary>
/// <param name="withTypes">
/// Also read each receiver's return and parameter types, as written in a call: what any generator that writes
/// a typed call to the method must ask the compiler for, and the ForAttributeWithMetadataName floor never does.
/// </param>
internal sealed class NamesOnlyGenerator(bool withTypes = false) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = withTypes
            ? context.SyntaxProvider.ForAttributeWithMetadataName(
                "SignalGen.ReceiverAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntax, _) => NameAndTypes((IMethodSymbol)syntax.TargetSymbol))
            : context.SyntaxProvider.ForAttributeWithMetadataName(
                "SignalGen.ReceiverAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntax, _) => syntax.TargetSymbol.ContainingType.Name);
        context.RegisterSourceOutput(names.Collect(), static (output, all) =>
        {
            var text = new StringBuilder();
            foreach (var name in all.Order(System.StringComparer.Ordinal))
            {
                text.Append("// ").Append(name).Append('\n');
            }

            output.AddSource("ReceiverNames.g.cs", text.ToString());
        });
    }

    private static string NameAndTypes(IMethodSymbol method) =>
        method.ContainingType.Name + " " + method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "("
        + string.Join(", ", method.Parameters.Select(parameter => parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) + ")";
}
