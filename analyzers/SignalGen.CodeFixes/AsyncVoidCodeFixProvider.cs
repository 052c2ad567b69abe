using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Diagnostics;

namespace SignalGen.CodeFixes;

/// <summary>SGEN0105: turns an <c>async void</c> receiver into <c>async Task</c>, so the sender awaits it and sees its exceptions.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFixProvider))]
[Shared]
public sealed class AsyncVoidCodeFixProvider : CodeFixProvider
{
    private const string Title = "Return Task instead of void";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SignalGenDiagnostics.AsyncVoidReceiver.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TypeSyntax returnType)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => ReturnTask(context.Document, returnType, cancellationToken), equivalenceKey: nameof(AsyncVoidCodeFixProvider)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReturnTask(Document document, TypeSyntax returnType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // "Task" where it already means System.Threading.Tasks.Task there; the full name otherwise. No
        // simplifier pass, which would also reformat the spacing the user wrote around the type.
        var task = model?.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var simple = task is not null && model!.LookupNamespacesAndTypes(returnType.SpanStart, name: "Task")
            .Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, task));
        var replacement = SyntaxFactory.ParseTypeName(simple ? "Task" : "System.Threading.Tasks.Task").WithTriviaFrom(returnType);
        return document.WithSyntaxRoot(root!.ReplaceNode(returnType, replacement));
    }
}
