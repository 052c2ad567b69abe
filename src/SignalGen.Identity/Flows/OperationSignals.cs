using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Identity;

/// <summary>
/// The signals an Identity operation sends when it succeeds, each as SendAsync's two phases: the durable
/// receivers' messages are staged in the operation's transaction, so they commit with its change or not at
/// all, and the other receivers run once it has committed, as they always did.
/// </summary>
internal sealed class OperationSignals(CancellationToken cancellationToken)
{
    private readonly List<(Func<ValueTask> Stage, Func<ValueTask> InProcess)> _sends = [];

    /// <summary>Adds a send of <paramref name="signal"/>, as its two phases: the sender's <c>StageDurableAsync</c> and <c>SendInProcessAsync</c>.</summary>
    public void Add<TSignal>(TSignal signal, Func<TSignal, CancellationToken, ValueTask> stage, Func<TSignal, CancellationToken, ValueTask> inProcess) =>
        _sends.Add((() => stage(signal, cancellationToken), () => inProcess(signal, cancellationToken)));

    /// <summary>Stages every send's durable receivers, in order, inside the open transaction.</summary>
    public async Task StageAsync()
    {
        foreach (var (stage, _) in _sends)
        {
            await stage().ConfigureAwait(false);
        }
    }

    /// <summary>Runs every send's other receivers, in order, after the commit.</summary>
    public async Task SendInProcessAsync()
    {
        foreach (var (_, inProcess) in _sends)
        {
            await inProcess().ConfigureAwait(false);
        }
    }
}
