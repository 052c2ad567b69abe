using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Benchmarks.Generator;

/// <summary>
/// A <see cref="GeneratorWorkload"/> ready to run through a <see cref="GeneratorDriver"/>: parsed once,
/// so the measured work is the generators' (and the compiler's binding they ask for), not parsing.
/// </summary>
internal sealed partial class GeneratorProject
{
    private readonly ImmutableArray<ISourceGenerator> _generators;
    private readonly ImmutableArray<AdditionalText> _additionalTexts;
    private readonly CSharpCompilation _compilation;

    // The edit loop: the driver that ran last, the compilation it ran on, and the two versions of the edited file.
    private GeneratorDriver? _editDriver;
    private Compilation? _editCompilation;
    private SyntaxTree? _original, _edited;
    private bool _holdsEdited;

    public GeneratorProject(GeneratorWorkload workload, ImmutableArray<ISourceGenerator> generators, IEnumerable<MetadataReference> references)
    {
        Workload = workload;
        _generators = generators;
        _additionalTexts = workload.AdditionalFiles.Select(file => (AdditionalText)new InMemoryText(file.Path, file.Text)).ToImmutableArray();
        _compilation = workload.CreateCompilation(workload.ParseAll(ParseOptions), references);
    }

    /// <summary>C# as the SDK compiles it (latest language version).</summary>
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    public GeneratorWorkload Workload { get; }

    /// <summary>
    /// What a build does: a new driver, run once on a compilation no generator has seen. The compilation
    /// is a clone, so no binding done by an earlier run is reused (the references' metadata is).
    /// </summary>
    public GeneratorDriver RunCold(bool trackSteps = false) => CreateDriver(trackSteps).RunGenerators(_compilation.Clone());

    /// <summary>
    /// Runs the driver once on the original project, and prepares the edit loop of <see cref="RunEdit"/>
    /// between the original and <paramref name="version"/> of the edited file.
    /// </summary>
    public GeneratorDriver PrepareEdit(WorkloadFileVersion version, bool trackSteps = false)
    {
        _original = _compilation.SyntaxTrees.Single(tree => tree.FilePath == Workload.EditedPath);
        _edited = Workload.ParseEditedFile(version, ParseOptions);
        if (_edited.GetText().ContentEquals(_original.GetText()))
        {
            throw new InvalidOperationException("The edit changes nothing in " + Workload.EditedPath + ".");
        }

        _editCompilation = _compilation.Clone();
        _editDriver = CreateDriver(trackSteps).RunGenerators(_editCompilation);
        _holdsEdited = false;
        return _editDriver;
    }

    /// <summary>
    /// What typing does: the project's driver, which has run, runs again on a compilation where one file
    /// changed. Alternates the file between its two versions so every call is a real edit; the new
    /// compilation comes from <c>ReplaceSyntaxTree</c>, as the IDE makes it (its cost is included, and small).
    /// </summary>
    public GeneratorDriver RunEdit()
    {
        var (from, to) = _holdsEdited ? (_edited!, _original!) : (_original!, _edited!);
        _editCompilation = _editCompilation!.ReplaceSyntaxTree(from, to);
        _editDriver = _editDriver!.RunGenerators(_editCompilation);
        _holdsEdited = !_holdsEdited;
        return _editDriver;
    }

    /// <summary>Whether the last <see cref="RunEdit"/> left the edited version in the compilation.</summary>
    public bool HoldsEditedFile => _holdsEdited;

    /// <summary>
    /// Fails unless the run is clean (no generator exception, no diagnostic) and the generated code names
    /// every handler class: the generator saw the whole project and wired every handler.
    /// </summary>
    public static string CheckComplete(GeneratorDriver driver, GeneratorWorkload workload)
    {
        var result = driver.GetRunResult();
        foreach (var run in result.Results)
        {
            if (run.Exception is { } exception)
            {
                throw new InvalidOperationException(run.Generator.GetGeneratorType().Name + " threw on " + workload.AssemblyName + ".", exception);
            }
        }

        if (!result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(workload.AssemblyName + ": the generators reported " + string.Join("; ", result.Diagnostics));
        }

        var generated = string.Concat(result.GeneratedTrees.Select(tree => tree.GetText().ToString()));
        var named = HandlerClassName().Matches(generated).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
        if (named.Count != workload.HandlerCount)
        {
            var missing = Enumerable.Range(0, workload.HandlerCount).Select(GeneratorWorkload.HandlerClassName).Where(name => !named.Contains(name)).Take(5);
            throw new InvalidOperationException(
                $"{workload.AssemblyName}: the generated code names {named.Count} of {workload.HandlerCount} handlers (missing e.g. {string.Join(", ", missing)}).");
        }

        return generated;
    }

    private GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            _generators,
            _additionalTexts,
            ParseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    [GeneratedRegex(@"\bHandler\d{4}\b")]
    private static partial Regex HandlerClassName();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
    }
}
