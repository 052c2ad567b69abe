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

/// <summary>
/// Makes a receiver's parameters match its signal. SGEN0102 (a parameter matches no argument): take
/// the signal's arguments, keeping a CancellationToken. SGEN0103 (a type does not fit): give the
/// parameter the argument's type. Both keep the surrounding trivia and formatting.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReceiverParametersCodeFixProvider))]
[Shared]
public sealed class ReceiverParametersCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(SignalGenDiagnostics.UnmatchedParameter.Id, SignalGenDiagnostics.ParameterTypeMismatch.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (diagnostic.Id == SignalGenDiagnostics.UnmatchedParameter.Id
                && diagnostic.Properties.TryGetValue(SignalGenDiagnostics.ParametersProperty, out var parameters) && parameters is not null
                && node.FirstAncestorOrSelf<ParameterListSyntax>() is { } list)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Take the signal's arguments as parameters",
                        cancellationToken => ReplaceParameters(context.Document, list, parameters, cancellationToken),
                        equivalenceKey: nameof(ReceiverParametersCodeFixProvider) + ".Parameters"),
                    diagnostic);
            }
            else if (diagnostic.Id == SignalGenDiagnostics.ParameterTypeMismatch.Id
                && diagnostic.Properties.TryGetValue(SignalGenDiagnostics.ArgumentTypeProperty, out var argumentType) && argumentType is not null
                && node.FirstAncestorOrSelf<ParameterSyntax>() is { Type: { } type })
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Change the parameter's type to " + argumentType,
                        cancellationToken => ReplaceType(context.Document, type, argumentType, cancellationToken),
                        equivalenceKey: nameof(ReceiverParametersCodeFixProvider) + ".Type"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceParameters(Document document, ParameterListSyntax list, string parameters, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var parsed = SyntaxFactory.ParseParameterList("(" + parameters + ")");

        // Spaces inside the parentheses belonged to the old parameters; comments there are kept.
        var open = list.OpenParenToken;
        var replacement = list
            .WithOpenParenToken(open.WithTrailingTrivia(WithoutWhitespace(open.TrailingTrivia)))
            .WithParameters(parsed.Parameters);
        return document.WithSyntaxRoot(root!.ReplaceNode(list, replacement));
    }

    private static SyntaxTriviaList WithoutWhitespace(SyntaxTriviaList trivia) =>
        SyntaxFactory.TriviaList(trivia.Where(item => !item.IsKind(SyntaxKind.WhitespaceTrivia) && !item.IsKind(SyntaxKind.EndOfLineTrivia)));

    private static async Task<Document> ReplaceType(Document document, TypeSyntax type, string argumentType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = SyntaxFactory.ParseTypeName(argumentType).WithTriviaFrom(type);
        return document.WithSyntaxRoot(root!.ReplaceNode(type, replacement));
    }
}
