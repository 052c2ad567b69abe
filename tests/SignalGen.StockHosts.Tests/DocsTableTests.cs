using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Flows;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Infrastructure;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.StockHosts.Tests;

/// <summary>
/// docs/identity.md shows what each host sends, as observed here: the table between its stock-hosts markers is the
/// one the flows' observations make (both package lines must agree).
/// SIGNALGEN_ACCEPT_DOCS=1 writes the observed table there instead.
/// </summary>
public sealed class DocsTableTests(StockHostsFixture hosts)
{
    [Fact]
    public async Task Docs_identity_md_has_the_table_the_hosts_sent()
    {
        var runs = (from line in Enum.GetValues<PackageLine>()
                    from flow in FlowCatalogue.All
                    where flow.InDocsTable
                    select (Line: line, Flow: flow, Run: hosts.RunFlowAsync(line, flow))).ToList();
        try
        {
            await Task.WhenAll(runs.Select(run => run.Run));
        }
        catch (Exception)
        {
            // Each failure is its own flow test's; here only which ones keep the table from being made.
        }

        var failed = runs.Where(run => !run.Run.IsCompletedSuccessfully).Select(run => $"{run.Flow} at {run.Line}").ToList();
        Assert.True(failed.Count == 0, "The table is made from every flow; these did not pass (see their own tests): " + string.Join(", ", failed));

        var (table, conflicts) = HostSignalsTable.Render(runs.SelectMany(run => run.Run.Result.Select(step => (run.Flow.Host, $"{run.Flow.Name} at {run.Line}", step))));
        Assert.True(conflicts.Count == 0, "The same thing sent different signals:" + Environment.NewLine + string.Join(Environment.NewLine, conflicts));

        var path = Path.Combine(DotNetCommand.RepositoryRoot, "docs", "identity.md");
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("SIGNALGEN_ACCEPT_DOCS") == "1")
        {
            File.WriteAllText(path, HostSignalsTable.Replace(document, table));
            return;
        }

        Assert.True(
            HostSignalsTable.Current(document) == table,
            $"docs/identity.md's table is not what the hosts sent; run the tests with SIGNALGEN_ACCEPT_DOCS=1 to write this one:{Environment.NewLine}{table}");
    }
}
