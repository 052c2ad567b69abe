using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Flows;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Infrastructure;
using Xunit;

namespace SignalGen.StockHosts.Tests;

// One class per host and package line: each is a collection of its own, so the apps' flows run side by side, while
// one host's flows run one after another on its app.

public sealed class RazorAtDependencyFloor(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Razor);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.Floor, FlowCatalogue.Find(HostKind.Razor, flow));
}

public sealed class RazorAtNewestPatch(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Razor);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.NewestPatch, FlowCatalogue.Find(HostKind.Razor, flow));
}

public sealed class BlazorAtDependencyFloor(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Blazor);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.Floor, FlowCatalogue.Find(HostKind.Blazor, flow));
}

public sealed class BlazorAtNewestPatch(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Blazor);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.NewestPatch, FlowCatalogue.Find(HostKind.Blazor, flow));
}

public sealed class ApiAtDependencyFloor(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Api);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.Floor, FlowCatalogue.Find(HostKind.Api, flow));
}

public sealed class ApiAtNewestPatch(StockHostsFixture hosts)
{
    public static TheoryData<string> Flows => FlowCatalogue.Names(HostKind.Api);

    [Theory]
    [MemberData(nameof(Flows))]
    public Task Sends_the_expected_signals(string flow) =>
        hosts.RunFlowAsync(PackageLine.NewestPatch, FlowCatalogue.Find(HostKind.Api, flow));
}
