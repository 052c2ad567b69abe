using System;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Hosts;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>
/// One flow a user goes through on one host, each step asserting the exact signals it sent. A flow uses users of
/// its own, so flows run side by side on one app. <see cref="CapturesMail"/> false runs it on an app that keeps
/// the template's own e-mail sender. <see cref="InDocsTable"/> false keeps a flow's steps out of docs/identity.md's
/// table: a check of one detail, not something the table shows.
/// </summary>
public sealed record FlowDefinition(HostKind Host, string Name, Func<FlowSession, Task> Run, bool CapturesMail = true, bool InDocsTable = true)
{
    public override string ToString() => $"{Host}/{Name}";
}
