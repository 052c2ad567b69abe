using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Generator;

namespace SignalGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every analyzer and code fix test compiles against: .NET 10 reference assemblies, the SignalGen
/// runtime, nullable on, and the generator running first, as in a real build, so the analyzers see
/// the generated <c>Signal</c> enums and signal types.
/// </summary>
internal static class TestCompilation
{
    /// <summary>The default schema file name in tests.</summary>
    public const string SchemaPath = "auth.signals.json";

    /// <summary>The application types the test schema's arguments use.</summary>
    public const string AppTypes = """
        namespace Contoso.Data
        {
            public class AppUser { }
            public sealed class Admin : AppUser { }
            internal sealed class Secret { }
        }
        """;

    /// <summary>The schema most tests use.</summary>
    public const string Schema = """
        {
          "namespace": "Contoso.Auth",
          "usings": ["Contoso.Data"],
          "signals": {
            "UserSignedUp": { "args": { "request": "string", "user": "AppUser" } },
            "UserLoggedIn": { "args": { "user": "AppUser", "remember": "bool" } },
            "PasswordChanged": { "args": { "user": "AppUser?" } },
            "AddEmail": { "internal": true, "args": { "email": "string" } }
          }
        }
        """;

    public static IEnumerable<MetadataReference> References { get; } =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(ReceiverAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];

    public static void Configure(ProjectState state)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(References);
    }

    public static CompilationOptions WithNullable(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

    /// <summary>
    /// Compiles a library with the generator, as another project of the solution would be, and returns
    /// it as a reference: how tests put a schema in a referenced assembly.
    /// </summary>
    public static MetadataReference BuildLibrary(string name, string schema, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            name,
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parse)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            [new SignalsGenerator().AsSourceGenerator()],
            [new InMemoryAdditionalText(SchemaPath, schema)],
            parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The library does not compile:\n" + string.Join("\n", emitted.Diagnostics));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}

/// <summary>An analyzer test with the generator and SignalGen's references.</summary>
internal sealed class SignalGenAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public SignalGenAnalyzerTest()
    {
        TestCompilation.Configure(TestState);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SignalsGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => TestCompilation.WithNullable(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
}

/// <summary>A code fix test with the generator and SignalGen's references.</summary>
internal sealed class SignalGenCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public SignalGenCodeFixTest()
    {
        TestCompilation.Configure(TestState);

        // The fixed state is stated whole: no diagnostic is carried over from before the fix.
        FixedState.InheritanceMode = StateInheritanceMode.Explicit;
        TestCompilation.Configure(FixedState);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SignalsGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => TestCompilation.WithNullable(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
}
