using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Diagnostics;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema;
using SignalGen.Schema.Json;

namespace SignalGen.Generator.Reporting;

/// <summary>
/// Turns the generator's diagnostic data into <see cref="Diagnostic"/>s at the moment they are
/// reported, the only place a <see cref="Location"/> is made. Schema mistakes are placed in the JSON
/// file, receiver mistakes on the attribute in the user's C#.
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>Every error the schema reader found in one file (SGEN0001-SGEN0009, SGEN0011).</summary>
    public static void ReportSchemaErrors(SourceProductionContext context, SchemaParseResult? result)
    {
        if (result is null)
        {
            return;
        }

        foreach (var error in result.Errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.For(error.Kind), Location.Create(result.Path, error.Span, error.LineSpan), error.Message));
        }
    }

    /// <summary>Namespace clashes (SGEN0012) and unusable argument types (SGEN0010), located by reading the JSON again.</summary>
    public static void ReportSchemaProblems(SourceProductionContext context, SchemaReportModel report, ImmutableArray<AdditionalText> files)
    {
        if (report.IsEmpty)
        {
            return;
        }

        foreach (var dropped in report.Dropped)
        {
            if (Read(files, dropped.Path, context.CancellationToken) is { } text)
            {
                var span = SchemaLocations.Read(text, context.CancellationToken).Namespace ?? new TextSpan(0, 0);
                context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.DuplicateNamespace, At(dropped.Path, text, span), dropped.Namespace, dropped.Owner));
            }
        }

        foreach (var problem in report.ArgumentTypes)
        {
            if (Read(files, problem.Path, context.CancellationToken) is { } text
                && SchemaLocations.Read(text, context.CancellationToken).ArgumentType(problem.Signal, problem.Argument) is { } span)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    SignalGenDiagnostics.UnresolvedArgumentType, At(problem.Path, text, span), problem.TypeName, problem.Argument, problem.Signal, problem.Problem));
            }
        }
    }

    /// <summary>
    /// SGEN0101 on the member name in the attribute, with the suggestion the rename fix reads. The syntax
    /// tree is found by path in the compilation being built, so the location is a real source location
    /// (code fixes and <c>#pragma</c> apply to it).
    /// </summary>
    public static void ReportUnknownSignals(SourceProductionContext context, EquatableArray<UnknownSignalModel> unknown, Compilation compilation)
    {
        foreach (var signal in unknown)
        {
            var tree = compilation.SyntaxTrees.FirstOrDefault(tree => tree.FilePath == signal.FilePath);
            var location = tree is null ? Location.None : Find(tree, signal, context.CancellationToken);
            var properties = signal.Suggestion is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(SignalGenDiagnostics.SuggestionProperty, signal.Suggestion);
            context.ReportDiagnostic(Diagnostic.Create(
                SignalGenDiagnostics.UnknownSignal,
                location,
                properties,
                signal.Written,
                signal.SchemaNamespace,
                signal.Suggestion is null ? string.Empty : "; did you mean '" + signal.Suggestion + "'?"));
        }
    }

    private static Location Find(SyntaxTree tree, UnknownSignalModel signal, CancellationToken cancellationToken)
    {
        foreach (var method in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Identifier.ValueText != signal.MethodName)
            {
                continue;
            }

            foreach (var attribute in method.AttributeLists.SelectMany(list => list.Attributes))
            {
                foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
                {
                    var expression = argument.Expression;
                    while (expression is ParenthesizedExpressionSyntax parenthesized)
                    {
                        expression = parenthesized.Expression;
                    }

                    if (expression is MemberAccessExpressionSyntax { Name: var name } && name.Identifier.ValueText == signal.Written)
                    {
                        return name.GetLocation();
                    }
                }
            }
        }

        return Location.None;
    }

    private static SourceText? Read(ImmutableArray<AdditionalText> files, string path, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            if (file.Path == path)
            {
                return file.GetText(cancellationToken);
            }
        }

        return null;
    }

    private static Location At(string path, SourceText text, TextSpan span) =>
        Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
