using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// --telemetry-off: every benchmark runs in two jobs, the default and one built with
// <SignalGenTelemetrySupport>false</SignalGenTelemetrySupport> as an app that turns SignalGen's telemetry off is.
const string TelemetryOff = "--telemetry-off";
var config = args.Contains(TelemetryOff)
    ? DefaultConfig.Instance
        .AddJob(Job.Default.WithId("TelemetryOn"))
        .AddJob(Job.Default.WithArguments([new MsBuildArgument("/p:SignalGenTelemetrySupport=false")]).WithId("TelemetryOff"))
    : null;

BenchmarkSwitcher.FromAssembly(typeof(SignalGen.Benchmarks.SendBenchmarks).Assembly)
    .Run(args.Where(arg => arg != TelemetryOff).ToArray(), config);
