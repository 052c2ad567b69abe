using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SignalGen.Package.Tests.Infrastructure;
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

        // The summary table: one row per benchmark, each with a measured mean.
        var rows = run.StandardOutput.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Method", StringComparison.Ordinal) && !line.StartsWith("|--", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells[1].Length > 0)
            .GroupBy(cells => cells[1])
            .ToDictionary(group => group.Key, group => group.First()[3]);
        foreach (var benchmark in new[] { "DirectCalls1", "Send1", "Send3", "Send8", "SendAsync3", "SendNoReceivers", "ObservationCheck", "Event8", "MediatorPublish8", "IMediatorPublish8", "Subject8",
                                     "SendStruct3", "SendAsyncAwaiting", "SendRobustThrowing", "SendToSingleton", "SendToScoped", "RunTimeSendOfForty", "RunTimeSendOfFourHundredRotating",
                                     "IdentityUnknownUser", "IdentityWrongPassword", "SignalGenUnknownUser", "SignalGenWrongPassword",
                                     "SignalGenCold", "MediatorCold", "NamesOnlyCold", "SignalGenEdit", "MediatorEdit", "NamesOnlyEdit", "SignalGenRetarget", "MediatorRetarget" })
        {
            Assert.True(rows.TryGetValue(benchmark, out var mean), $"No summary row for {benchmark}:{Environment.NewLine}{run.StandardOutput}");
            Assert.EndsWith("s", mean, StringComparison.Ordinal);
        }
    }
}
