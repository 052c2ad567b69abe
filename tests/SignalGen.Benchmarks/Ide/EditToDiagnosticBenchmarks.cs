using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Benchmarks.Ide;

/// <summary>
/// Time from an edit to its SignalGen diagnostic, as an editor computes it: a project opened with
/// MSBuildWorkspace (SignalGen's generator and analyzers as its analyzer references, the schema an
/// additional document), one file changed, then the compilation with the generator's output and the
/// analyzers' diagnostics. Each operation edits the same opened snapshot with a text of its own (a
/// counter in a comment), so nothing is reused from the previous operation but what an editor reuses
/// from the last snapshot. The operation fails if the expected diagnostic is missing.
/// </summary>
[MemoryDiagnoser]
public class EditToDiagnosticBenchmarks
{
    private const string Schema = """
        {
          "namespace": "Bench.Auth",
          "usings": ["Bench.Data"],
          "signals": {
            "UserLoggedIn": { "args": { "user": "User", "when": "DateTimeOffset" } },
            "UserSignedUp": { "args": { "user": "User", "referrer": "string?" } }
          }
        }
        """;

    private const string Receivers = """
        using Bench.Auth;
        using Bench.Data;
        using SignalGen;

        namespace Bench;

        public static class Receivers
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void OnLogin(User user, DateTimeOffset when) { }

            [Receiver(Signal.UserSignedUp)]
            public static void OnSignup(User user, string? referrer) { }
        }
        """;

    private static readonly MethodInfo s_generatorDiagnostics =
        typeof(Project).GetMethod("GetSourceGeneratorDiagnosticsAsync", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(CancellationToken)])!;

    private string _folder = "";
    private MSBuildWorkspace _workspace = null!;
    private Project _project = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private int _edit;

    [GlobalSetup]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "signalgen-edit-benchmark-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var here = AppContext.BaseDirectory;
        File.WriteAllText(Path.Combine(_folder, "Bench.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(here, "SignalGen.dll")}" />
                <!-- What the SignalGen package brings along, at the versions it depends on. -->
                <PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="10.0.0" />
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.0" />
                <Analyzer Include="{Path.Combine(here, "SignalGen.Generator.dll")}" />
                <Analyzer Include="{Path.Combine(here, "SignalGen.Analyzers.dll")}" />
                <AdditionalFiles Include="auth.signals.json" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_folder, "auth.signals.json"), Schema);
        File.WriteAllText(Path.Combine(_folder, "Model.cs"), "namespace Bench.Data;\n\npublic sealed record User(string Name);\n");
        File.WriteAllText(Path.Combine(_folder, "Receivers.cs"), Receivers);

        using (var restore = Process.Start(new ProcessStartInfo("dotnet", ["restore", "-nologo", "-nodeReuse:false", "--disable-build-servers"]) { WorkingDirectory = _folder, RedirectStandardOutput = true })!)
        {
            restore.StandardOutput.ReadToEnd();
            restore.WaitForExit();
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException("Restoring the benchmark project failed.");
            }
        }

        _workspace = MSBuildWorkspace.Create();
        _project = _workspace.OpenProjectAsync(Path.Combine(_folder, "Bench.csproj")).GetAwaiter().GetResult();
        _analyzers = _project.AnalyzerReferences.SelectMany(reference => reference.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();

        // The unedited project shows nothing, and its first compilation is done, as in an editor that has the project open.
        if (Diagnostics(_project).GetAwaiter().GetResult() is { Length: > 0 } problems)
        {
            throw new InvalidOperationException("The benchmark project is not clean: " + string.Join(Environment.NewLine, problems));
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A misspelt signal: SGEN0101, reported by the generator.</summary>
    [Benchmark]
    public Task ReceiverEditToGeneratorDiagnostic() =>
        EditAndExpect("Receivers.cs", "[Receiver(Signal.UserLoggedIn)]", "[Receiver(Signal.UserLogedIn)] // " + ++_edit, "SGEN0101");

    /// <summary>A parameter of the wrong type: SGEN0103, reported by the receiver analyzer.</summary>
    [Benchmark]
    public Task ReceiverEditToAnalyzerDiagnostic() =>
        EditAndExpect("Receivers.cs", "DateTimeOffset when) { }", "int when) { } // " + ++_edit, "SGEN0103");

    /// <summary>A misspelt argument type in the schema: SGEN0010, reported by the generator.</summary>
    [Benchmark]
    public Task SchemaEditToGeneratorDiagnostic() =>
        EditAndExpect("auth.signals.json", "\"DateTimeOffset\"", "\"DateTimeOfset\", \"n" + ++_edit + "\": \"int\"", "SGEN0010");

    private async Task EditAndExpect(string fileName, string find, string replace, string id)
    {
        var document = _project.Documents.Cast<TextDocument>().Concat(_project.AdditionalDocuments).Single(d => Path.GetFileName(d.FilePath) == fileName);
        var text = (await document.GetTextAsync()).ToString();
        var edited = SourceText.From(text.Replace(find, replace, StringComparison.Ordinal));
        var solution = document is Document
            ? _project.Solution.WithDocumentText(document.Id, edited)
            : _project.Solution.WithAdditionalDocumentText(document.Id, edited);
        var shown = await Diagnostics(solution.GetProject(_project.Id)!);
        if (!shown.Any(diagnostic => diagnostic.Id == id))
        {
            throw new InvalidOperationException($"The edit did not show {id}: " + string.Join(Environment.NewLine, shown));
        }
    }

    /// <summary>What an editor lists: the compiler's errors and warnings, the analyzers', the generator's (read as Roslyn's IDE reads them).</summary>
    private async Task<ImmutableArray<Diagnostic>> Diagnostics(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var analyzers = await compilation.WithAnalyzers(_analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        var generator = await (ValueTask<ImmutableArray<Diagnostic>>)s_generatorDiagnostics.Invoke(project, [CancellationToken.None])!;
        return compilation.GetDiagnostics().AddRange(analyzers).AddRange(generator).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
    }
}
