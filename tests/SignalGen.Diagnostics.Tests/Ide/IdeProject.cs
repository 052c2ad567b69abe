using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Diagnostics.Tests.CommandLine;
using SignalGen.Testing;

namespace SignalGen.Diagnostics.Tests.Ide;

/// <summary>
/// A real project opened the way Visual Studio and C# Dev Kit open one: MSBuildWorkspace runs the
/// design-time build, so the generator, analyzers and code fixes are the ones in the restored package's
/// <c>analyzers/dotnet/cs/</c> folder, and the schema is an additional document. Diagnostics are read
/// as those editors gather them: the compiler's, the analyzers', and the generator's from the
/// workspace's own generator run.
/// </summary>
internal sealed class IdeProject : IDisposable
{
    private static readonly MethodInfo s_generatorDiagnostics =
        typeof(Project).GetMethod("GetSourceGeneratorDiagnosticsAsync", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(CancellationToken)])
        ?? throw new InvalidOperationException("Project.GetSourceGeneratorDiagnosticsAsync is gone from this Roslyn: the IDE check needs another way to read generator diagnostics.");

    private readonly MSBuildWorkspace _workspace;

    private IdeProject(MSBuildWorkspace workspace, Project project, string folder)
    {
        _workspace = workspace;
        Project = project;
        Folder = folder;
        Analyzers = project.AnalyzerReferences
            .SelectMany(reference => reference.GetAnalyzers(LanguageNames.CSharp))
            .Where(analyzer => analyzer.GetType().Assembly.GetName().Name!.StartsWith("SignalGen.", StringComparison.Ordinal))
            .ToImmutableArray();
        CodeFixes = project.AnalyzerReferences.OfType<AnalyzerFileReference>()
            .Where(reference => Path.GetFileName(reference.FullPath).StartsWith("SignalGen.", StringComparison.Ordinal))
            .SelectMany(reference => reference.GetAssembly().GetTypes())
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();
    }

    /// <summary>The project as opened, before any edit.</summary>
    public Project Project { get; }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>SignalGen's analyzers, loaded from the package.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>SignalGen's code fix providers, loaded from the package.</summary>
    public ImmutableArray<CodeFixProvider> CodeFixes { get; }

    /// <summary>Writes the single-app project of the command-line table, restores it, and opens it.</summary>
    public static async Task<IdeProject> Open(LocalPackageFeed feed, CancellationToken cancellationToken)
    {
        var folder = feed.NewWorkDirectory("ide");
        feed.WriteNuGetConfig(folder);
        foreach (var (path, text) in MistakeProjects.App(feed.Version))
        {
            File.WriteAllText(Path.Combine(folder, path), text);
        }

        var restore = await DotNetCommand.Run(folder, ["restore", "-nologo", "-nodeReuse:false", "--disable-build-servers"], cancellationToken);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException("Restore failed: " + restore);
        }

        var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(Path.Combine(folder, "App.csproj"), cancellationToken: cancellationToken);
        return new IdeProject(workspace, project, folder);
    }

    /// <summary>The document or additional document at <paramref name="fileName"/> in <paramref name="project"/>.</summary>
    public static TextDocument DocumentOf(Project project, string fileName) =>
        project.Documents.Cast<TextDocument>().Concat(project.AdditionalDocuments).Single(document => Path.GetFileName(document.FilePath) == fileName);

    /// <summary><paramref name="project"/> with the first <paramref name="find"/> in <paramref name="fileName"/> replaced, as typed in an editor.</summary>
    public static async Task<Project> Edit(Project project, string fileName, string find, string replace, CancellationToken cancellationToken)
    {
        var document = DocumentOf(project, fileName);
        var text = (await document.GetTextAsync(cancellationToken)).ToString();
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"'{find}' is not in {fileName}");
        }

        var edited = SourceText.From(text[..at] + replace + text[(at + find.Length)..]);
        var solution = document is Document
            ? project.Solution.WithDocumentText(document.Id, edited)
            : project.Solution.WithAdditionalDocumentText(document.Id, edited);
        return solution.GetProject(project.Id)!;
    }

    /// <summary>Every error and warning an editor would list for <paramref name="project"/>: compiler, SignalGen's analyzers, the generator.</summary>
    public async Task<IReadOnlyList<ShownDiagnostic>> Diagnostics(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var shown = new List<ShownDiagnostic>();
        Add(shown, "compiler", compilation.GetDiagnostics(cancellationToken));
        var analyzed = compilation.WithAnalyzers(Analyzers, project.AnalyzerOptions);
        Add(shown, "analyzer", await analyzed.GetAnalyzerDiagnosticsAsync(cancellationToken));
        Add(shown, "generator", await GeneratorDiagnostics(project, cancellationToken));
        return shown;
    }

    /// <summary>
    /// The generator's diagnostics from the workspace's own run, as the IDE reads them. Roslyn keeps this
    /// internal (its IDE layers call it); there is no public equivalent, so it is called by reflection.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnostics(Project project, CancellationToken cancellationToken) =>
        await (ValueTask<ImmutableArray<Diagnostic>>)s_generatorDiagnostics.Invoke(project, [cancellationToken])!;

    /// <summary>Applies the first code fix any of SignalGen's providers offers for <paramref name="diagnostic"/>; null when none does.</summary>
    public async Task<(Project Project, string Title)?> ApplyFix(Project project, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var document = project.GetDocument(diagnostic.Location.SourceTree) ?? throw new InvalidOperationException("The diagnostic is not in a document: " + diagnostic);
        foreach (var provider in CodeFixes.Where(provider => provider.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
            if (actions.FirstOrDefault() is { } action)
            {
                var operations = await action.GetOperationsAsync(cancellationToken);
                var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                return (changed.GetProject(project.Id)!, action.Title);
            }
        }

        return null;
    }

    public void Dispose() => _workspace.Dispose();

    private static void Add(List<ShownDiagnostic> shown, string source, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            var span = diagnostic.Location.GetMappedLineSpan();
            shown.Add(new ShownDiagnostic(diagnostic, source, Path.GetFileName(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        }
    }
}

/// <summary>One diagnostic an editor lists, with who reported it and where (1-based).</summary>
internal sealed record ShownDiagnostic(Diagnostic Diagnostic, string Source, string File, int Line, int Column)
{
    public string Id => Diagnostic.Id;

    public override string ToString() => $"{Source}: {File}({Line},{Column}): {Id}: {Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
