using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SignalGen.Benchmarks.Generator;
using SignalGen.Generator.Model;
using SignalGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SignalGen.Generator.Tests.Incremental;

/// <summary>
/// The project the generator benchmarks measure (tests/SignalGen.Benchmarks/Generator), at a tenth of
/// the size: the generator's output for it is complete and compiles, and the benchmarks' edits take the
/// paths they claim to measure (a body edit stops before the binder; a retarget changes one receiver).
/// </summary>
public sealed class GeneratorWorkloadTests
{
    private const int Signals = 20;
    private const int Receivers = 100;

    private static readonly GeneratorWorkload s_workload = GeneratorWorkload.SignalGen(Signals, Receivers);

    [Fact]
    public void Workload_EveryReceiverIsCalled_AndTheOutputCompilesCleanly()
    {
        var run = GeneratorHarness.Run(CreateCompilation(), Schemas());

        GeneratorHarness.AssertCompilesCleanly(run);
        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        var table = run.Source("Bench.Signals.DispatchTable.g.cs");
        for (var receiver = 0; receiver < Receivers; receiver++)
        {
            // Receiver i receives signal i mod Signals; its thunk and its table entry name it.
            var name = "Bench.Receivers." + GeneratorWorkload.HandlerClassName(receiver) + ".On" + GeneratorWorkload.SignalName(receiver % Signals);
            Assert.Contains("[global::SignalGen.Dispatch.ReceiverThunk(\"" + name, thunks, StringComparison.Ordinal);
            Assert.Contains("\"" + name, table, StringComparison.Ordinal);
        }

        Assert.Equal(Receivers, Regex.Matches(thunks, @"\[global::SignalGen\.Dispatch\.ReceiverThunk\(").Count);

        // Two kinds of five are instance receivers; each class is registered once.
        Assert.Equal(2 * Receivers / 5, Regex.Matches(thunks, @"TryAddTransient<global::Bench\.Receivers\.Handler\d{4}>").Count);
    }

    [Fact]
    public void BodyEdit_LeavesEveryReceiverAndAllOutputCached()
    {
        var (driver, compilation) = FirstRun();
        var before = Sources(driver);

        driver = driver.RunGenerators(Edit(compilation, WorkloadFileVersion.BodyEdited), TestContext.Current.CancellationToken);
        var result = Result(driver);

        // The compilation changed, so the step reading it runs and comes out equal ...
        AssertAll(result, TrackingNames.References, IncrementalStepRunReason.Unchanged);

        // ... the edited receiver's model is rebuilt by ForAttributeWithMetadataName and equal, so nothing
        // after it runs: this is the path the benchmarks' edit measures.
        foreach (var name in new[]
                 {
                     TrackingNames.ParsedSchemas, TrackingNames.LocalSchemas, TrackingNames.Schemas, TrackingNames.UniqueLocalSchemas,
                     TrackingNames.Project, TrackingNames.Receivers, TrackingNames.GlobalUsings, TrackingNames.BoundReceivers,
                     TrackingNames.DispatchTables, TrackingNames.ServiceRegistration,
                 })
        {
            AssertAll(result, name, IncrementalStepRunReason.Cached);
        }

        Assert.Equal(before, Sources(driver));
    }

    [Fact]
    public void Retarget_ChangesThatReceiverOnly_AndMovesItToTheNextSignal()
    {
        var (driver, compilation) = FirstRun();
        var edited = s_workload.EditedHandler;
        var oldSignal = GeneratorWorkload.SignalName(edited % Signals);
        var newSignal = GeneratorWorkload.SignalName((edited + 1) % Signals);

        driver = driver.RunGenerators(Edit(compilation, WorkloadFileVersion.Retargeted), TestContext.Current.CancellationToken);
        var result = Result(driver);

        var receivers = Outputs(result, TrackingNames.Receivers);
        Assert.Equal(Receivers, receivers.Count);
        var modified = Assert.Single(receivers, output => output.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
        Assert.Equal("On" + newSignal + "Async", ((ReceiverModel)modified.Value).MethodName);
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Modified);
        AssertAll(result, TrackingNames.DispatchTables, IncrementalStepRunReason.Modified);
        AssertAll(result, TrackingNames.ParsedSchemas, IncrementalStepRunReason.Cached);

        var thunks = Sources(driver).Single(source => source.HintName == "SignalGen.ReceiverThunks.g.cs").Text;
        var className = GeneratorWorkload.HandlerClassName(edited);
        Assert.Contains("Bench.Receivers." + className + ".On" + newSignal + "Async(CancellationToken)", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("Bench.Receivers." + className + ".On" + oldSignal, thunks, StringComparison.Ordinal);
    }

    [Fact]
    public void Workload_RejectsTooFewHandlersForEveryKind()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorWorkload.SignalGen(10, 49));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorWorkload.Mediator(10, 49));
    }

    private static Compilation CreateCompilation()
    {
        // Every warning wave, as the harness compiles its own tests, so the output check is as strict.
        var compilation = s_workload.CreateCompilation(s_workload.ParseAll(GeneratorHarness.ParseOptions), GeneratorHarness.References);
        return compilation.WithOptions(compilation.Options.WithWarningLevel(9999));
    }

    private static AdditionalText[] Schemas() =>
        s_workload.AdditionalFiles.Select(file => GeneratorHarness.Schema(file.Path.Substring("/project/".Length), file.Text)).ToArray();

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(Schemas()).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(Receivers, Outputs(result, TrackingNames.Receivers).Count);
        return (driver, compilation);
    }

    private static Compilation Edit(Compilation compilation, WorkloadFileVersion version)
    {
        var original = compilation.SyntaxTrees.Single(tree => tree.FilePath == s_workload.EditedPath);
        var edited = s_workload.ParseEditedFile(version, GeneratorHarness.ParseOptions);
        Assert.NotEqual(original.ToString(), edited.ToString());
        return compilation.ReplaceSyntaxTree(original, edited);
    }

    private static GeneratorRunResult Result(GeneratorDriver driver) => Assert.Single(driver.GetRunResult().Results);

    private static (string HintName, string Text)[] Sources(GeneratorDriver driver) =>
        Result(driver).GeneratedSources.Select(source => (source.HintName, source.SourceText.ToString())).OrderBy(source => source.HintName, StringComparer.Ordinal).ToArray();

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), "Step " + name + " was not tracked.");
        return steps.SelectMany(step => step.Outputs).ToList();
    }

    private static void AssertAll(GeneratorRunResult result, string name, IncrementalStepRunReason expected)
    {
        var outputs = Outputs(result, name);
        Assert.NotEmpty(outputs);
        var wrong = outputs.Where(output => output.Reason != expected).Select(output => output.Reason + ": " + output.Value).ToList();
        Assert.True(wrong.Count == 0, $"Step {name}: expected every output {expected}, but:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }
}
