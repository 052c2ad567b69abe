using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>
/// The caching check every harness run makes must be able to fail. Tiny test-only generators break caching
/// on purpose, each in one way, and run through the harness's own path. Their steps borrow names from
/// <see cref="TrackingNames"/>, the list the harness holds steps to.
/// </summary>
public sealed class CachingCheckTests
{
    [Fact]
    public void AWellBehavedGenerator_Passes_WithItsCompilationStepUnchanged()
    {
        var run = GeneratorHarness.Run(Driver(new AssemblyNameGenerator()), Compilation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("namespace Cached; internal static class Name { }", run.Source("Name.g.cs"));
    }

    [Fact]
    public void AnUnnamedStepThatIsNotCached_IsReported_AtTheSourceOutputItFeeds()
    {
        var failure = Assert.Throws<XunitException>(
            () => GeneratorHarness.Run(Driver(new UnnamedReferenceModelGenerator()), Compilation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("SourceOutput 0 of 1: Modified on the second run", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Inputs: (unnamed) Modified <- [Compilation Modified]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelThatDoesNotCompareByValue_IsReported_WithTheStepAndWhy()
    {
        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.Run(Driver(new ReferenceModelGenerator()), Compilation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("not cached when run again on a clone", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Step " + TrackingNames.Project + ", output 0 of 1: Modified on the second run", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not compare by value", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Value: ReferenceModel", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASymbolInAModel_IsReported_WithWhereItIs()
    {
        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.Run(Driver(new SymbolModelGenerator()), Compilation(), cancellationToken: TestContext.Current.CancellationToken));

        // The assembly symbol is a new object in the clone, so the step is not cached either.
        Assert.Contains("Step " + TrackingNames.References + ", output 0 of 1: Modified", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Holds a compiler object: Step " + TrackingNames.References + ".Assembly:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASourceThatDiffersOnTheSecondRun_IsReported()
    {
        var failure = Assert.Throws<XunitException>(() => GeneratorHarness.Run(Driver(new CountingGenerator()), Compilation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Source Count.g.cs: differs on the second run.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCheckCanBeLeftOut_OnlyWithAReason()
    {
        var run = GeneratorHarness.Run(Driver(new ReferenceModelGenerator()), Compilation(), notCachedBecause: "this generator's model compares by reference on purpose", TestContext.Current.CancellationToken);
        Assert.Empty(run.Sources);

        Assert.Throws<FalseException>(() => GeneratorHarness.Run(Driver(new ReferenceModelGenerator()), Compilation(), notCachedBecause: " ", TestContext.Current.CancellationToken));
    }

    private static Compilation Compilation() =>
        GeneratorHarness.CreateCompilation("Cached", OutputKind.DynamicallyLinkedLibrary, ["namespace Cached; internal static class C { }"]);

    private static GeneratorDriver Driver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Reads the compilation (so the step runs again on a clone) into a string: Unchanged, and fine. Its source
    /// output also takes the compilation, as SignalGen's SGEN0101 report does.
    /// </summary>
    private sealed class AssemblyNameGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var name = context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName ?? "")
                .WithTrackingName(TrackingNames.Project);

            // Given the compilation itself, this output runs again on the clone: allowed, its product is compared.
            context.RegisterSourceOutput(name.Combine(context.CompilationProvider), static (output, pair) =>
                output.AddSource("Name.g.cs", "namespace " + pair.Left + "; internal static class Name { }"));
        }
    }

    /// <summary>A class without value equality, made anew each time the step runs: never equal, so never cached.</summary>
    private sealed class ReferenceModelGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var model = context.CompilationProvider
                .Select(static (compilation, _) => new ReferenceModel(compilation.AssemblyName ?? ""))
                .WithTrackingName(TrackingNames.Project);
            context.RegisterSourceOutput(model, static (_, _) => { });
        }
    }

    /// <summary>
    /// The same model made in a step without a tracking name: only the source output it feeds shows it. (That
    /// output must produce something: one that produced nothing both times is recorded as unchanged.)
    /// </summary>
    private sealed class UnnamedReferenceModelGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(
                context.CompilationProvider.Select(static (compilation, _) => new ReferenceModel(compilation.AssemblyName ?? "")),
                static (output, model) => output.AddSource("Model.g.cs", "// " + model.Name));
    }

    private sealed class ReferenceModel(string name)
    {
        public string Name { get; } = name;

        public override string ToString() => Name;
    }

    /// <summary>A model that keeps the assembly symbol.</summary>
    private sealed class SymbolModelGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var model = context.CompilationProvider
                .Select(static (compilation, _) => new SymbolModel(compilation.Assembly))
                .WithTrackingName(TrackingNames.References);
            context.RegisterSourceOutput(model, static (_, _) => { });
        }
    }

    private sealed record SymbolModel(IAssemblySymbol Assembly);

    /// <summary>Writes how often it ran: a source output that reads the compilation runs again, and its text differs.</summary>
    private sealed class CountingGenerator : IIncrementalGenerator
    {
        private int _runs;

        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (output, _) =>
                output.AddSource("Count.g.cs", "// run " + Interlocked.Increment(ref _runs)));
    }
}
