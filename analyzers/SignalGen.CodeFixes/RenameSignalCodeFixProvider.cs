using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Diagnostics;

namespace SignalGen.CodeFixes;

/// <summary>
/// SGEN0101: renames a mistyped signal to the one suggested. The generator reports this case (with the
/// suggestion in the diagnostic's properties); code fixes apply to a generator's diagnostics as to an analyzer's.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameSignalCodeFixProvider))]
[Shared]
public sealed class RenameSignalCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SignalGenDiagnostics.UnknownSignal.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SignalGenDiagnostics.SuggestionProperty, out var suggestion) || suggestion is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use signal '" + suggestion + "'",
                    cancellationToken => Rename(context.Document, name, suggestion, cancellationToken),
                    equivalenceKey: nameof(RenameSignalCodeFixProvider) + "." + suggestion),
                diagnostic);
        }
    }

    private static async Task<Document> Rename(Document document, SimpleNameSyntax name, string suggestion, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var renamed = name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, suggestion, name.Identifier.TrailingTrivia));
        return document.WithSyntaxRoot(root!.ReplaceNode(name, renamed));
    }
}
