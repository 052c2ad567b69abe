using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;

namespace SignalGen.Benchmarks.Generator;

/// <summary>
/// The generators' own cost through <see cref="GeneratorDriver"/>, on a generated project of 1,000 files:
/// SignalGen (200 signals in one schema, 1,000 receivers) against Mediator's generator on the equivalent
/// project (200 notifications, 1,000 notification handlers). <c>cold</c> is a build: a new driver on the
/// whole project. <c>edit</c> is typing in the IDE: a driver that has run, one file's method body changed,
/// run again. <c>retarget</c> is an edit that changes generated code: the handler in that file moves to
/// the next signal. <c>NamesOnly</c> rows are the floor: a generator that finds the same receivers
/// the same way and only reads their class names (<see cref="NamesOnlyGenerator"/>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    /// <summary>
    /// Set to <c>small</c> by the dry run in tests/SignalGen.Package.Tests, which only proves the benchmarks
    /// run and check their output: 20 signals and 100 handlers keep it to a few seconds.
    /// </summary>
    public const string SizeVariable = "SIGNALGEN_GENERATOR_BENCHMARK_SIZE";

    private static readonly bool s_small = Environment.GetEnvironmentVariable(SizeVariable) == "small";
    private static readonly int s_signals = s_small ? 20 : 200;
    private static readonly int s_handlers = s_small ? 100 : 1000;

    private GeneratorProject _signalGen = null!;
    private GeneratorProject _mediator = null!;
    private GeneratorProject _namesOnly = null!;
    private GeneratorProject _namesAndTypes = null!;

    [GlobalSetup(Targets = [nameof(SignalGenCold)])]
    public void SetUpSignalGenCold() => _signalGen = CreateChecked(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.SignalGen());

    [GlobalSetup(Targets = [nameof(MediatorCold)])]
    public void SetUpMediatorCold() => _mediator = CreateChecked(GeneratorWorkload.Mediator(s_signals, s_handlers), GeneratorInputs.Mediator());

    [GlobalSetup(Targets = [nameof(NamesOnlyCold)])]
    public void SetUpNamesOnlyCold() => _namesOnly = CreateChecked(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.NamesOnly());

    [GlobalSetup(Targets = [nameof(NamesOnlyEdit)])]
    public void SetUpNamesOnlyEdit() => _namesOnly = PrepareCheckedEdit(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.NamesOnly(), WorkloadFileVersion.BodyEdited);

    [GlobalSetup(Targets = [nameof(NamesAndTypesEdit)])]
    public void SetUpNamesAndTypesEdit() => _namesAndTypes = PrepareCheckedEdit(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.NamesAndTypes(), WorkloadFileVersion.BodyEdited);

    [GlobalSetup(Targets = [nameof(SignalGenEdit)])]
    public void SetUpSignalGenEdit() => _signalGen = PrepareCheckedEdit(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.SignalGen(), WorkloadFileVersion.BodyEdited);

    [GlobalSetup(Targets = [nameof(MediatorEdit)])]
    public void SetUpMediatorEdit() => _mediator = PrepareCheckedEdit(GeneratorWorkload.Mediator(s_signals, s_handlers), GeneratorInputs.Mediator(), WorkloadFileVersion.BodyEdited);

    [GlobalSetup(Targets = [nameof(SignalGenRetarget)])]
    public void SetUpSignalGenRetarget() => _signalGen = PrepareCheckedEdit(GeneratorWorkload.SignalGen(s_signals, s_handlers), GeneratorInputs.SignalGen(), WorkloadFileVersion.Retargeted);

    [GlobalSetup(Targets = [nameof(MediatorRetarget)])]
    public void SetUpMediatorRetarget() => _mediator = PrepareCheckedEdit(GeneratorWorkload.Mediator(s_signals, s_handlers), GeneratorInputs.Mediator(), WorkloadFileVersion.Retargeted);

    [Benchmark(Baseline = true), BenchmarkCategory("cold")]
    public GeneratorDriver MediatorCold() => _mediator.RunCold();

    [Benchmark, BenchmarkCategory("cold")]
    public GeneratorDriver SignalGenCold() => _signalGen.RunCold();

    /// <summary>The floor of any generator built on ForAttributeWithMetadataName, on SignalGen's project.</summary>
    [Benchmark, BenchmarkCategory("cold")]
    public GeneratorDriver NamesOnlyCold() => _namesOnly.RunCold();

    [Benchmark(Baseline = true), BenchmarkCategory("edit")]
    public GeneratorDriver MediatorEdit() => _mediator.RunEdit();

    [Benchmark, BenchmarkCategory("edit")]
    public GeneratorDriver SignalGenEdit() => _signalGen.RunEdit();

    /// <inheritdoc cref="NamesOnlyCold"/>
    [Benchmark, BenchmarkCategory("edit")]
    public GeneratorDriver NamesOnlyEdit() => _namesOnly.RunEdit();

    /// <summary>The floor, reading each receiver's return and parameter types as well.</summary>
    [Benchmark, BenchmarkCategory("edit")]
    public GeneratorDriver NamesAndTypesEdit() => _namesAndTypes.RunEdit();

    [Benchmark(Baseline = true), BenchmarkCategory("retarget")]
    public GeneratorDriver MediatorRetarget() => _mediator.RunEdit();

    [Benchmark, BenchmarkCategory("retarget")]
    public GeneratorDriver SignalGenRetarget() => _signalGen.RunEdit();

    // A cold run before any measurement: both generators produced complete output for this project.
    private static GeneratorProject CreateChecked(GeneratorWorkload workload, System.Collections.Immutable.ImmutableArray<ISourceGenerator> generators)
    {
        var project = new GeneratorProject(workload, generators, GeneratorInputs.References);
        GeneratorProject.CheckComplete(project.RunCold(), workload);
        return project;
    }

    // The driver has run once; two edits (there and back) must leave the output complete, and a body edit
    // must leave it as it was while a retarget must change it, or the loop does not measure what it says.
    private static GeneratorProject PrepareCheckedEdit(GeneratorWorkload workload, System.Collections.Immutable.ImmutableArray<ISourceGenerator> generators, WorkloadFileVersion version)
    {
        var project = new GeneratorProject(workload, generators, GeneratorInputs.References);
        var before = GeneratorProject.CheckComplete(project.PrepareEdit(version), workload);
        var edited = GeneratorProject.CheckComplete(project.RunEdit(), workload);
        var back = GeneratorProject.CheckComplete(project.RunEdit(), workload);
        var outputChanged = !string.Equals(before, edited, StringComparison.Ordinal);
        if (outputChanged != (version == WorkloadFileVersion.Retargeted) || !string.Equals(before, back, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{workload.AssemblyName}: the {version} edit {(outputChanged ? "changed" : "did not change")} the generated code.");
        }

        return project;
    }
}
