using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Durable;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.Runtime;

namespace SignalGen.Wolverine;

/// <summary>
/// Stages durable receivers' messages in Wolverine, one per scope (a request, a worker's run). With a
/// transaction open on the application's <typeparamref name="TContext"/>, the envelope row is written in
/// that transaction, so it commits or rolls back with the change that sent the signal, and is handed to the
/// local queue only once the transaction has committed (this class is also the context's transaction
/// interceptor). With none, Wolverine stores the message on its own before enqueuing it.
/// </summary>
internal sealed class WolverineDurableReceiverOutbox<TContext>(IServiceProvider services) : DbTransactionInterceptor, IDurableReceiverOutbox
    where TContext : DbContext
{
    // One outbox per transaction: Wolverine drops messages enqueued after an outbox's first flush.
    private DbContextOutbox<TContext>? _pending;
    private DbTransaction? _pendingTransaction;

    public async ValueTask StageAsync<TMessage>(TMessage message, DurableReceiver<TMessage> receiver, CancellationToken cancellationToken)
        where TMessage : class, IDurableMessage
    {
        var db = services.GetRequiredService<TContext>();
        if (db.Database.CurrentTransaction is { } current)
        {
            var transaction = current.GetDbTransaction();
            if (_pending is null || !ReferenceEquals(_pendingTransaction, transaction))
            {
                _pending = new DbContextOutbox<TContext>(services.GetRequiredService<IWolverineRuntime>(), db, []);
                _pendingTransaction = transaction;
            }

            await _pending.PublishAsync(message).ConfigureAwait(false);
            return;
        }

        await services.GetRequiredService<IMessageBus>().PublishAsync(message).ConfigureAwait(false);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(transaction) is { } committed)
        {
            await committed.FlushOutgoingMessagesAsync().ConfigureAwait(false);
        }
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionRolledBackAsync(transaction, eventData).GetAwaiter().GetResult();

    public override async Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(transaction) is { } rolledBack)
        {
            // The rows went with the transaction; the envelopes held in memory must not reach the queue.
            await rolledBack.ClearAllAsync().ConfigureAwait(false);
        }
    }

    private DbContextOutbox<TContext>? Take(DbTransaction transaction)
    {
        if (_pending is null || !ReferenceEquals(_pendingTransaction, transaction))
        {
            return null;
        }

        var pending = _pending;
        _pending = null;
        _pendingTransaction = null;
        return pending;
    }
}
