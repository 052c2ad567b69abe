using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Durable;
using SignalGen.Observability;
using Wolverine.EntityFrameworkCore.Internals;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace SignalGen.Wolverine;

/// <summary>
/// Runs one durable receiver when Wolverine delivers its message: in a scope of its own, inside a
/// transaction on the application's <typeparamref name="TContext"/> that also marks the inbox row handled,
/// so a receiver whose work is a write through that context takes effect exactly once. A pre-canned
/// handler: Wolverine generates no code and discovers nothing for it.
/// </summary>
internal sealed class DurableReceiverMessageHandler<TMessage, TContext>(DurableReceiver<TMessage> receiver, DurableReceiverOptions options) : MessageHandler<TMessage>
    where TMessage : class, IDurableMessage
    where TContext : DbContext
{
    private static readonly ActivitySource s_source = new(SignalGenTelemetry.Name);

    public override void ConfigureChain(HandlerChain chain)
    {
        if (options.RetryDelays.Count == 0)
        {
            chain.OnAnyException().MoveToErrorQueue();
            return;
        }

        var delays = new TimeSpan[options.RetryDelays.Count];
        options.RetryDelays.CopyTo(delays, 0);
        chain.OnAnyException().RetryWithCooldown(delays).Then.MoveToErrorQueue();
    }

    protected override async Task HandleAsync(TMessage message, MessageContext context, CancellationToken cancellation)
    {
        var stamp = message.Stamp;
        var attempt = context.Envelope?.Attempts ?? 1;
        using var activity = StartActivity(stamp, attempt);

        await using var scope = context.Runtime.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var envelopeTransaction = new EfCoreEnvelopeTransaction(db, context);
        await context.EnlistInOutboxAsync(envelopeTransaction).ConfigureAwait(false);

        try
        {
            await receiver.RunAsync(message, new DurableDelivery(stamp.DeliveryId, attempt, stamp.StagedAt), scope.ServiceProvider, cancellation).ConfigureAwait(false);

            // What the receiver changed through the context and did not save itself commits with the handled mark.
            await db.SaveChangesAsync(cancellation).ConfigureAwait(false);
            await envelopeTransaction.CommitAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }

    /// <summary>
    /// The receiver's activity, in the send's trace: a child of Wolverine's activity when something listens to
    /// Wolverine (that one descends from the send through the envelope), else of the send's span itself, read
    /// from the stamp; linked to the send's span either way.
    /// </summary>
    private Activity? StartActivity(DurableStamp stamp, int attempt)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var staged = stamp.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
        ActivityLink[]? links = staged == default ? null : [new ActivityLink(staged)];
        var parent = Activity.Current is null ? staged : default;
        var activity = s_source.StartActivity(ActivityKind.Consumer, parentContext: parent, links: links, name: "run " + receiver.Signal);
        activity?.SetTag(SignalGenTelemetry.SignalTag, receiver.Signal);
        activity?.SetTag("signalgen.receiver", receiver.Receiver);
        activity?.SetTag("signalgen.delivery_id", stamp.DeliveryId.ToString());
        activity?.SetTag("signalgen.attempt", attempt);
        return activity;
    }
}
