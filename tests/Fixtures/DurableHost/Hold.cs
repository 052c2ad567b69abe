using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DurableHost;

/// <summary>
/// Where the crash tests stop the process: at the point named by <c>DURABLE_HOST_HOLD</c>, it prints
/// <c>HOLD point id</c> and waits until the test kills it. Elsewhere it does nothing. It is also the app's
/// transaction interceptor, added before SignalGen's, so <c>after-commit</c> stops a committed transaction
/// before SignalGen hands its staged messages to the queue.
/// </summary>
public sealed class Hold(string? point) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ReachedAsync("after-commit", Guid.Empty, cancellationToken);

    public async Task ReachedAsync(string here, Guid id, CancellationToken cancellationToken)
    {
        if (point != here)
        {
            return;
        }

        Console.WriteLine($"HOLD {here} {id}");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
