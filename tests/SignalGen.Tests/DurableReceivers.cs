using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Durable;
using SignalGen.Tests.Contract;

namespace SignalGen.Tests;

// Receivers of Staged: two durable ones (static and instance, one with a DurableName) around an in-process one.

internal static class StagedReceivers
{
    /// <summary>What the durable receivers were called with, keyed by the email each test sends.</summary>
    public static readonly ConcurrentDictionary<string, string> Runs = new();

    [Receiver(Signal.Staged)]
    public static void InProcess(CallLog log) => log.Add("InProcess");

    [Receiver(Signal.Staged, Durable = true, Order = -1)]
    public static void Welcome(string email, string? note, DurableDelivery delivery) =>
        Runs[email] = $"Welcome:{note ?? "(null)"}:{delivery.Id}:{delivery.Attempt}";
}

internal sealed class StagedAuditor(Greeting greeting)
{
    [Receiver(Signal.Staged, Durable = true, DurableName = "tests:audit", Order = 1)]
    public async Task AuditAsync(Staged signal, CancellationToken cancellationToken)
    {
        await Task.Yield();
        StagedReceivers.Runs[signal.Email + "/audit"] = $"Audit:{greeting.Text}:{signal.Attempts}:{cancellationToken.CanBeCanceled}";
    }
}
