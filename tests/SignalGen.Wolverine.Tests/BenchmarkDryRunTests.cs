using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// The delivery benchmark (tests/Fixtures/DurableHost/Benchmark.cs, docs/performance.md) run small, so it keeps
/// working between the runs whose numbers the docs quote: both kinds deliver every message and are reported.
/// </summary>
public sealed class BenchmarkDryRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("signalgen-bench-").FullName;

    [Fact]
    public async Task The_delivery_benchmark_reports_the_durable_receiver_and_the_baseline()
    {
        using var bench = DurableHostProcess.Start(null, "bench", Path.Combine(_directory, "bench.db"), "20", "2");
        await bench.WaitForLineAsync("RESULT wolverine", TestContext.Current.CancellationToken);

        var results = bench.Output.Split('\n').Where(line => line.StartsWith("RESULT ", StringComparison.Ordinal)).ToArray();
        Assert.Collection(
            results,
            line => Assert.StartsWith("RESULT signalgen store=sqlite count=20 rounds=2 throughput_median=", line, StringComparison.Ordinal),
            line => Assert.StartsWith("RESULT wolverine store=sqlite count=20 rounds=2 throughput_median=", line, StringComparison.Ordinal));
        Assert.Equal(4, bench.Output.Split('\n').Count(line => line.StartsWith("ROUND ", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
