using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace SignalGen.Dispatch;

/// <summary>
/// Gathers receiver failures during a robust send. Plumbing for generated code: the list is created
/// only when a receiver fails, so a send where all receivers succeed allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ReceiverFailureCollector
{
    private List<ReceiverFailure>? _failures;
    private int _receiverCount;

    /// <summary>Counts receivers that are about to be called.</summary>
    public void AddReceivers(int count) => _receiverCount += count;

    /// <summary>Records that <paramref name="receiver"/> threw <paramref name="exception"/>.</summary>
    public void Add(string receiver, Exception exception) => (_failures ??= []).Add(new ReceiverFailure(receiver, exception));

    /// <summary>
    /// Ends the send: turns what was gathered into a <see cref="SendResult"/> and, when
    /// <paramref name="log"/> is set, logs each failure through the <c>ILoggerFactory</c> found in
    /// <paramref name="services"/>.
    /// </summary>
    public readonly SendResult Complete(string signal, IServiceProvider? services, bool log)
    {
        if (_failures is null)
        {
            return new SendResult(_receiverCount, null);
        }

        var result = new SendResult(_receiverCount, _failures.ToArray());
        if (log)
        {
            SignalLog.ReceiversFailed(services, signal, result);
        }

        return result;
    }
}
