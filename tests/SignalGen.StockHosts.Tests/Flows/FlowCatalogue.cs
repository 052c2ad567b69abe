using System;
using System.Collections.Generic;
using System.Linq;
using SignalGen.StockHosts.Tests.Hosts;
using Xunit;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>Every flow of every host; the tests run each at both package lines, and the docs table is made from all of them.</summary>
public static class FlowCatalogue
{
    public static IReadOnlyList<FlowDefinition> All { get; } =
        [.. UiFlows.For(HostKind.Razor), .. UiFlows.For(HostKind.Blazor), .. PasskeyFlows.All, .. ApiFlows.All];

    public static FlowDefinition Find(HostKind host, string name) =>
        All.SingleOrDefault(flow => flow.Host == host && flow.Name == name) ?? throw new ArgumentException($"No flow {host}/{name}.");

    public static TheoryData<string> Names(HostKind host) => new(All.Where(flow => flow.Host == host).Select(flow => flow.Name));
}
