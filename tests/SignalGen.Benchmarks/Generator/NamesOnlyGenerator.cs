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
internal sealed class NamesOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
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
}
