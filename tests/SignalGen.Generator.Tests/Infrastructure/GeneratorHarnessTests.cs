using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>The harness's own checks must be able to fail, or every test built on them proves nothing.</summary>
public sealed class GeneratorHarnessTests
{
    private const string Schema = """
        { "namespace": "Harness.Auth", "signals": { "UserLoggedIn": { "args": { "user": "string" } } } }
        """;

    [Fact]
    public void AssertCompilesCleanly_FailsOnAWarning_AndNamesIt()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("W", OutputKind.DynamicallyLinkedLibrary, ["namespace W; internal static class C { internal static void M() { int unused = 1; } }"]),
            []);

        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.AssertCompilesCleanly(run));
        Assert.Contains("CS0219", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Source0.cs(1,", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertCompilesCleanly_ChecksDocumentationComments_ButNotMissingOnesInTestSources()
    {
        var undocumented = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("D", OutputKind.DynamicallyLinkedLibrary, ["namespace D; public static class Undocumented { }"]),
            []);
        GeneratorHarness.AssertCompilesCleanly(undocumented);

        var badCref = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("D", OutputKind.DynamicallyLinkedLibrary, ["namespace D; /// <summary>See <see cref=\"Nowhere\"/>.</summary>\npublic static class Documented { }"]),
            []);
        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.AssertCompilesCleanly(badCref));
        Assert.Contains("CS1574", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertGeneratorClean_FailsOnADriverDiagnostic()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("G", OutputKind.DynamicallyLinkedLibrary, []), []);
        GeneratorHarness.AssertGeneratorClean(run);

        var crash = Diagnostic.Create(new DiagnosticDescriptor("CS8785", "Generator failed", "Generator failed", "Compiler", DiagnosticSeverity.Warning, true), Location.None);
        var failing = new GeneratorRun(run.Driver, run.RunResult, run.InputCompilation, run.OutputCompilation, ImmutableArray.Create(crash));

        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.AssertGeneratorClean(failing));
        Assert.Contains("CS8785", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void References_CoverTheRuntimeAndTheAbstractionsGeneratedCodeUses()
    {
        const string source = """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Logging;
            using SignalGen;

            namespace R;

            internal static class Uses
            {
                internal static object[] All(IServiceCollection services, ILogger logger) =>
                    [typeof(ReceiverAttribute), typeof(SignalGen.Dispatch.SignalDispatch), services, logger];
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("R", OutputKind.DynamicallyLinkedLibrary, [source]), []);

        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Fact]
    public void BuildProject_GivesAReferenceHoldingTheGeneratedTypes()
    {
        var library = GeneratorHarness.BuildProject(
            "Harness.Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Harness.Lib; public static class C { }"], [GeneratorHarness.Schema("auth.signals.json", Schema)]);

        var consumer = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(
                "Harness.Consumer",
                OutputKind.DynamicallyLinkedLibrary,
                ["namespace Harness.Consumer; internal static class Send { internal static void M() => new Harness.Auth.Signals().SendUserLoggedIn(\"ann\"); }"],
                [library.Reference]),
            []);

        GeneratorHarness.AssertCompilesCleanly(consumer);
        Assert.Empty(consumer.Sources);
    }

    [Fact]
    public void DispatchRootProperty_ReachesTheGenerator()
    {
        var compilation = GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, []);

        Assert.DoesNotContain("SignalGen.ServiceRegistration.g.cs", GeneratorHarness.Run(compilation, []).HintNames);
        Assert.DoesNotContain("SignalGen.ServiceRegistration.g.cs", GeneratorHarness.Run(compilation, [], dispatchRoot: false).HintNames);
        Assert.Contains("SignalGen.ServiceRegistration.g.cs", GeneratorHarness.Run(compilation, [], dispatchRoot: true).HintNames);
    }

    [Fact]
    public void IsolatedAssembly_RunsTheEmittedCode_WithFreshStaticsEachLoad()
    {
        var compilation = GeneratorHarness.CreateCompilation(
            "Counter", OutputKind.DynamicallyLinkedLibrary, ["namespace Counter; public static class Count { private static int s_calls; public static int Next() => ++s_calls; }"]);

        Assert.Equal(1, IsolatedAssembly.Invoke<int>(compilation, "Counter.Count", "Next"));
        Assert.Equal(1, IsolatedAssembly.Invoke<int>(compilation, "Counter.Count", "Next"));
    }

    [Fact]
    public void IsolatedAssembly_FailsOnCodeThatDoesNotEmit_AndNamesTheError()
    {
        var compilation = GeneratorHarness.CreateCompilation(
            "Broken", OutputKind.DynamicallyLinkedLibrary, ["namespace Broken; public static class C { public static int M() => \"text\"; }"]);

        var failure = Assert.ThrowsAny<XunitException>(() => IsolatedAssembly.Invoke<int>(compilation, "Broken.C", "M"));
        Assert.Contains("CS0029", failure.Message, StringComparison.Ordinal);
    }
}
