using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="SignalsGenerator"/> the way the compiler does: on a <see cref="CSharpCompilation"/>
/// built against the .NET 10 reference assemblies, the SignalGen runtime and the two
/// Microsoft.Extensions abstractions the generated code calls, with schemas given as additional files.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The property that makes a library the dispatch root (or an executable not one).</summary>
    public const string DispatchRootProperty = "build_property.SignalGenDispatchRoot";

    /// <summary>
    /// C# latest, as the repository builds with, and documentation comments checked as with
    /// <c>GenerateDocumentationFile</c>, so malformed XML or an unresolved <c>cref</c> in generated code is a warning.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);

    // A missing doc comment (CS1591) is a matter for the test's own sources only; generated code must have none.
    private const string MissingDocumentation = "CS1591";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Framework, runtime and Microsoft.Extensions references every test compilation gets.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>
    /// Creates a compilation with nullable enabled and every warning wave on (the SDK's
    /// <c>AnalysisLevel=latest</c> does the same), from C# sources named <c>Source0.cs</c>, <c>Source1.cs</c>, ...
    /// </summary>
    /// <param name="parseOptions">How the sources are parsed (e.g. with preprocessor symbols); <see cref="ParseOptions"/> when null.</param>
    public static CSharpCompilation CreateCompilation(
        string assemblyName,
        OutputKind outputKind,
        IEnumerable<string> sources,
        IEnumerable<MetadataReference>? extraReferences = null,
        CSharpParseOptions? parseOptions = null)
    {
        var trees = sources
            .Select((source, index) => CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path: "Source" + index + ".cs", encoding: Encoding.UTF8))
            .ToArray();
        var options = new CSharpCompilationOptions(
            outputKind,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            deterministic: true);
        return CSharpCompilation.Create(assemblyName, trees, References.AddRange(extraReferences ?? []), options);
    }

    /// <summary>A schema file as the build hands it to the generator.</summary>
    public static AdditionalText Schema(string fileName, string json) =>
        new InMemoryAdditionalText("/project/" + fileName, json);

    /// <summary>A schema file whose text is already decoded, e.g. from bytes as the compiler reads a file.</summary>
    public static AdditionalText Schema(string fileName, SourceText text) =>
        new InMemoryAdditionalText("/project/" + fileName, text);

    /// <summary>Creates a driver that tracks steps, for tests that run it more than once.</summary>
    /// <param name="additionalTexts">The schema files (and any other additional files).</param>
    /// <param name="dispatchRoot">The <c>SignalGenDispatchRoot</c> build property, or null when unset.</param>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalTexts, bool? dispatchRoot = null)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dispatchRoot is { } root)
        {
            properties[DispatchRootProperty] = root ? "true" : "false";
        }

        return CSharpGeneratorDriver.Create(
            new[] { new SignalsGenerator().AsSourceGenerator() },
            additionalTexts,
            ParseOptions,
            new TestAnalyzerConfigOptionsProvider(properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>
    /// Runs the generator on <paramref name="compilation"/>, then proves the run is cached: see
    /// <see cref="Run(GeneratorDriver, Compilation, string?, CancellationToken, Compilation?)"/>.
    /// </summary>
    /// <param name="notCachedBecause">Leaves the caching check out, for the reason given; null in every test that can be checked.</param>
    public static GeneratorRun Run(
        Compilation compilation,
        IEnumerable<AdditionalText> schemas,
        bool? dispatchRoot = null,
        string? notCachedBecause = null) =>
        Run(CreateDriver(schemas, dispatchRoot), compilation, notCachedBecause);

    /// <summary>
    /// Runs <paramref name="driver"/> on <paramref name="compilation"/>, then runs the updated driver again on a
    /// clone of the compilation (same trees, references, additional files and options) and asserts what
    /// <see cref="CachingCheck.AssertCachedOnClone"/> does: the same sources and diagnostics, every step named in
    /// <see cref="TrackingNames"/> Cached or Unchanged, and no compiler object in any step. Every generator test
    /// goes through here, so each also checks caching on its own input. The result is the first run's.
    /// </summary>
    /// <param name="notCachedBecause">
    /// Leaves the caching check out, for the reason given (written to the test's output); null in every test that can be checked.
    /// </param>
    /// <param name="clone">
    /// <c>compilation.Clone()</c> made once by a test that runs one compilation many times (the fuzz test), so each
    /// check does not bind a fresh clone; null to clone here.
    /// </param>
    public static GeneratorRun Run(
        GeneratorDriver driver,
        Compilation compilation,
        string? notCachedBecause = null,
        CancellationToken cancellationToken = default,
        Compilation? clone = null)
    {
        var first = RunOnce(driver, compilation, cancellationToken);
        if (notCachedBecause is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(notCachedBecause), "Say why caching is not checked.");
            TestContext.Current.TestOutputHelper?.WriteLine("Caching not checked: " + notCachedBecause);
            return first;
        }

        if (clone is not null)
        {
            Assert.True(
                !ReferenceEquals(clone, compilation) && clone.SyntaxTrees.SequenceEqual(compilation.SyntaxTrees) && clone.References.SequenceEqual(compilation.References),
                "The clone given must be another compilation with the same syntax trees and references.");
        }

        var second = RunOnce(first.Driver, clone ?? compilation.Clone(), cancellationToken);
        CachingCheck.AssertCachedOnClone(first, second, CachingCheck.GeneratorStepNames);
        return first;
    }

    /// <summary>Runs <paramref name="driver"/> once on <paramref name="compilation"/>; the result keeps the updated driver.</summary>
    public static GeneratorRun RunOnce(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        return new GeneratorRun(driver, driver.GetRunResult(), compilation, output, diagnostics);
    }

    /// <summary>
    /// Compiles a project (its sources, its schemas, the generator) and emits it to memory, as a build
    /// does for a project reference. Fails when the generator or the compilation is not clean.
    /// </summary>
    public static ProjectBuild BuildProject(
        string assemblyName,
        OutputKind outputKind,
        IEnumerable<string> sources,
        IEnumerable<AdditionalText> schemas,
        IEnumerable<MetadataReference>? references = null,
        bool? dispatchRoot = null)
    {
        var compilation = CreateCompilation(assemblyName, outputKind, sources, references);
        var run = Run(compilation, schemas, dispatchRoot);
        AssertCompilesCleanly(run);

        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, "Emitting " + assemblyName + " failed:" + Environment.NewLine + Describe(emitted.Diagnostics));
        return new ProjectBuild(run, MetadataReference.CreateFromImage(stream.ToArray()));
    }

    /// <summary>
    /// Asserts that the generator ran without an exception and reported no diagnostic (valid input gives
    /// none; an exception surfaces as CS8785 in the driver's diagnostics).
    /// </summary>
    public static void AssertGeneratorClean(GeneratorRun run)
    {
        var result = run.Result;
        if (result.Exception is { } exception)
        {
            throw new XunitException("The generator threw: " + exception);
        }

        if (!result.Diagnostics.IsEmpty || !run.DriverDiagnostics.IsEmpty)
        {
            throw new XunitException(
                "The generator reported diagnostics:" + Environment.NewLine + Describe(result.Diagnostics.AddRange(run.DriverDiagnostics)));
        }
    }

    /// <summary>
    /// Asserts that the generator ran without an exception and reported exactly <paramref name="ids"/>
    /// (in any order): the SignalGen diagnostics a broken input must give, and nothing else.
    /// </summary>
    public static void AssertGeneratorReported(GeneratorRun run, params string[] ids)
    {
        if (run.Result.Exception is { } exception)
        {
            throw new XunitException("The generator threw: " + exception);
        }

        var reported = run.Result.Diagnostics.Select(diagnostic => diagnostic.Id).Order(StringComparer.Ordinal).ToArray();
        if (!reported.SequenceEqual(ids.Order(StringComparer.Ordinal)))
        {
            throw new XunitException(
                "Expected the generator to report [" + string.Join(", ", ids) + "], but it reported:" + Environment.NewLine + Describe(run.Result.Diagnostics));
        }
    }

    /// <summary>
    /// Asserts that the generator ran without an exception and reported only schema diagnostics
    /// (<c>SGEN00xx</c>), at least one, each inside the file <paramref name="path"/>: what a broken schema gives.
    /// </summary>
    public static void AssertReportedSchemaErrorsIn(GeneratorRun run, string path)
    {
        if (run.Result.Exception is { } exception)
        {
            throw new XunitException("The generator threw: " + exception);
        }

        var wrong = run.Result.Diagnostics.Where(d => !d.Id.StartsWith("SGEN00", StringComparison.Ordinal) || d.Location.GetLineSpan().Path != path).ToImmutableArray();
        if (run.Result.Diagnostics.IsEmpty || !wrong.IsEmpty)
        {
            throw new XunitException("Expected schema diagnostics in " + path + ", but the generator reported:" + Environment.NewLine + Describe(run.Result.Diagnostics));
        }
    }

    /// <summary>
    /// Asserts a clean generator run and that the compilation with the generated sources has no error
    /// and no warning, listing each with its file, line and the offending source line. CS1591 (missing
    /// XML comment) is ignored in the test's own sources, never in generated ones.
    /// </summary>
    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        AssertGeneratorClean(run);
        AssertOutputCompilesCleanly(run);
    }

    /// <summary>
    /// Asserts that the compilation with the generated sources has no error and no warning, whatever the
    /// generator reported (tests of broken input check that separately).
    /// </summary>
    public static void AssertOutputCompilesCleanly(GeneratorRun run)
    {
        var ownTrees = run.InputCompilation.SyntaxTrees.ToImmutableHashSet();
        var problems = run.OutputCompilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .Where(diagnostic => !(diagnostic.Id == MissingDocumentation && diagnostic.Location.SourceTree is { } tree && ownTrees.Contains(tree)))
            .ToImmutableArray();
        if (!problems.IsEmpty)
        {
            throw new XunitException(
                "The output compilation of " + run.OutputCompilation.AssemblyName + " has errors or warnings:" + Environment.NewLine + Describe(problems));
        }
    }

    /// <summary>One diagnostic a line: ID, severity, file(line,column), message, and the source line it points at.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            text.Append("  ").Append(diagnostic.Id).Append(' ').Append(diagnostic.Severity).Append(' ');
            if (diagnostic.Location.IsInSource)
            {
                var span = diagnostic.Location.GetLineSpan();
                var tree = diagnostic.Location.SourceTree!;
                text.Append(Path.GetFileName(tree.FilePath)).Append('(').Append(span.StartLinePosition.Line + 1).Append(',')
                    .Append(span.StartLinePosition.Character + 1).Append("): ");
                text.Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                text.AppendLine().Append("      | ").Append(tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim());
            }
            else
            {
                text.Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(FrameworkReferenceAssemblies());
        foreach (var assembly in new[]
                 {
                     typeof(SignalGen.ReceiverAttribute).Assembly,
                     typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
                     typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
                 })
        {
            builder.Add(MetadataReference.CreateFromFile(assembly.Location));
        }

        return builder.ToImmutable();
    }

    // The targeting pack this test project compiled against (tests/Shared/FrameworkReferenceDirectory.targets).
    private static IEnumerable<MetadataReference> FrameworkReferenceAssemblies()
    {
        var directory = typeof(GeneratorHarness).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "FrameworkReferenceDirectory").Value!;
        return Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal).Select(file => MetadataReference.CreateFromFile(file));
    }
}

/// <summary>One generator run: the driver to run again, what it produced and the compilation it updated.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(
        GeneratorDriver driver,
        GeneratorDriverRunResult runResult,
        Compilation inputCompilation,
        Compilation outputCompilation,
        ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Driver = driver;
        RunResult = runResult;
        InputCompilation = inputCompilation;
        OutputCompilation = outputCompilation;
        DriverDiagnostics = driverDiagnostics;
        Sources = Result.GeneratedSources
            .Select(source => (source.HintName, source.SourceText.ToString()))
            .OrderBy(source => source.HintName, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The driver after the run; run it again to test caching.</summary>
    public GeneratorDriver Driver { get; }

    public GeneratorDriverRunResult RunResult { get; }

    /// <summary>The result of the one generator the driver runs.</summary>
    public GeneratorRunResult Result => Assert.Single(RunResult.Results);

    public Compilation InputCompilation { get; }

    /// <summary>The input compilation plus the generated sources.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>What <c>RunGeneratorsAndUpdateCompilation</c> reported (CS8784/CS8785 when a generator fails).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>Generated sources as (hint name, text), sorted by hint name.</summary>
    public IReadOnlyList<(string HintName, string Text)> Sources { get; }

    public IEnumerable<string> HintNames => Sources.Select(source => source.HintName);

    /// <summary>The text of the generated source named <paramref name="hintName"/>; fails when there is none.</summary>
    public string Source(string hintName)
    {
        foreach (var (name, text) in Sources)
        {
            if (name == hintName)
            {
                return text;
            }
        }

        throw new XunitException($"No generated source named {hintName}; generated: {string.Join(", ", HintNames)}.");
    }
}

/// <summary>A project compiled and emitted: its generator run and the reference other projects use.</summary>
internal sealed record ProjectBuild(GeneratorRun Run, MetadataReference Reference);

/// <summary>An additional file held in memory.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
        : this(path, SourceText.From(text, Encoding.UTF8))
    {
    }

    public InMemoryAdditionalText(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Analyzer config options with the given global (build property) values and nothing per file.</summary>
internal sealed class TestAnalyzerConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly TestAnalyzerConfigOptions s_empty = new(new Dictionary<string, string>());

    public TestAnalyzerConfigOptionsProvider(IReadOnlyDictionary<string, string> globalOptions)
    {
        GlobalOptions = new TestAnalyzerConfigOptions(globalOptions);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;

    private sealed class TestAnalyzerConfigOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
