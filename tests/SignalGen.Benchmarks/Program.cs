using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using SignalGen.Benchmarks;

// --telemetry-off: the benchmarks run twice in one run, as apps have them (job TelemetryOn) and with SignalGen's
// telemetry switched off (job TelemetryOff), as in an app built with <SignalGenTelemetrySupport>false</SignalGenTelemetrySupport>;
// each job's ratios are to its own baselines. BenchmarkDotNet runs each job from a project of its own, which does not get
// the property's runtimeconfig.json entry, so the job names it in an environment variable and the benchmarks' setup
// sets the same switch before anything reads it (TelemetrySwitch).
// --pgo-off: every job runs with dynamic PGO off (DOTNET_TieredPGO=0). BenchmarkDotNet's own --envVars replaces a job's
// variables, which would drop the telemetry switch above, so this adds the variable to each job instead.
const string TelemetryOff = "--telemetry-off";
const string PgoOff = "--pgo-off";
Job Configure(Job job) => args.Contains(PgoOff) ? job.WithEnvironmentVariable("DOTNET_TieredPGO", "0") : job;
IConfig? config = args.Contains(TelemetryOff)
    ? DefaultConfig.Instance
        .AddJob(Configure(Job.Default.WithId("TelemetryOn")))
        .AddJob(Configure(Job.Default.WithEnvironmentVariable(TelemetrySwitch.OffVariable, "1").WithId("TelemetryOff")))
    : args.Contains(PgoOff)
        ? DefaultConfig.Instance.AddJob(Configure(Job.Default.WithId("PgoOff")))
        : null;

BenchmarkSwitcher.FromAssembly(typeof(SendBenchmarks).Assembly)
    .Run(args.Where(arg => arg != TelemetryOff && arg != PgoOff).ToArray(), config);
