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
const string TelemetryOff = "--telemetry-off";
var config = args.Contains(TelemetryOff)
    ? DefaultConfig.Instance
        .AddJob(Job.Default.WithId("TelemetryOn"))
        .AddJob(Job.Default.WithEnvironmentVariable(TelemetrySwitch.OffVariable, "1").WithId("TelemetryOff"))
    : null;

BenchmarkSwitcher.FromAssembly(typeof(SendBenchmarks).Assembly)
    .Run(args.Where(arg => arg != TelemetryOff).ToArray(), config);
