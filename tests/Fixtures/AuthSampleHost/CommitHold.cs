using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthSampleHost;

/// <summary>
/// Stops the first database commit after start-up (a sign-up's: the user, its address row and the welcome mail's
/// staged message) once it has committed, before SignalGen hands the message to Wolverine's queue: it prints
/// <c>HOLD after-commit</c> and waits until the test kills the process. It is the app's own interceptor, added
/// before SignalGen's, so it runs first.
/// </summary>
internal sealed class CommitHold(bool enabled) : DbTransactionInterceptor
{
    private int _armed;

    /// <summary>Called once the app has started: the migrations' commits are behind us.</summary>
    public void Arm() => Volatile.Write(ref _armed, enabled ? 1 : 0);

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Console.WriteLine("HOLD after-commit");
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }
}
