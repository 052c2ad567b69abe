using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Package.Tests.Benchmarks;

/// <summary>
/// tests/SignalGen.Benchmarks keeps building and running: every benchmark runs once (BenchmarkDotNet's
/// Dry job, in process), and each that sends to receivers proves they ran (its GlobalCleanup throws
/// otherwise, which BenchmarkDotNet prints as an error but does not turn into an exit code).
/// The numbers of a dry run mean nothing; docs/performance.md has real ones.
/// </summary>
public sealed class BenchmarkDryRunTests(LocalPackageFeed feed)
{
    [Fact]
    public async Task EveryBenchmarkRunsOnceWithoutError()
    {
        var work = feed.NewWorkDirectory("benchmarks-dry");

        // The generator benchmarks' projects at a tenth of their size (GeneratorBenchmarks.SizeVariable); the child process inherits it.
        Environment.SetEnvironmentVariable("SIGNALGEN_GENERATOR_BENCHMARK_SIZE", "small");

        var run = await DotNetCommand.Run(
            DotNetCommand.RepositoryRoot,
            ["run", "-c", "Release", "--project", "tests/SignalGen.Benchmarks/SignalGen.Benchmarks.csproj", "--artifacts-path", Path.Combine(work, "build"),
             "--", "--job", "Dry", "--inProcess", "--filter", "*", "--artifacts", Path.Combine(work, "results")],
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("// ERROR", run.StandardOutput, StringComparison.Ordinal);

        // The summary tables: one row per benchmark, each with a measured mean. Tables differ in their columns
        // (a Categories column or not), so the mean is read from the column its table's header names Mean.
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var meanColumn = -1;
        foreach (var line in run.StandardOutput.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells[1] == "Method")
            {
                meanColumn = Array.IndexOf(cells, "Mean");
            }
            else if (meanColumn > 0 && cells.Length > meanColumn && cells[1].Length > 0)
            {
                rows.TryAdd(cells[1], cells[meanColumn]);
            }
        }

        foreach (var benchmark in new[] { "DirectCalls1", "Send1", "Send3", "Send8", "SendAsync3", "SendNoReceivers", "ObservationCheck", "ShortCircuit", "Combined", "SignalGenIsActive", "Event8", "MediatorPublish8", "IMediatorPublish8", "Subject8",
                                     "SendStruct3", "SendAsyncAwaiting", "SendRobustThrowing", "SendToSingleton", "SendToScoped", "RunTimeSendOfForty", "RunTimeSendOfFourHundredRotating",
                                     "IdentityUnknownUser", "IdentityWrongPassword", "SignalGenUnknownUser", "SignalGenWrongPassword",
                                     "SignalGenCold", "MediatorCold", "NamesOnlyCold", "SignalGenEdit", "MediatorEdit", "NamesOnlyEdit", "NamesAndTypesEdit", "SignalGenRetarget", "MediatorRetarget",
                                     "ReceiverEditToGeneratorDiagnostic", "ReceiverEditToAnalyzerDiagnostic", "SchemaEditToGeneratorDiagnostic" })
        {
            Assert.True(rows.TryGetValue(benchmark, out var mean), $"No summary row for {benchmark}:{Environment.NewLine}{run.StandardOutput}");
            Assert.EndsWith("s", mean, StringComparison.Ordinal);
        }
    }
}
