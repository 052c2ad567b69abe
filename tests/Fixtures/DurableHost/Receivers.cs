using System;
using System.Threading;
using System.Threading.Tasks;
using DurableHost.Accounts;
using SignalGen;
using SignalGen.Durable;

namespace DurableHost;

/// <summary>The durable receivers: each writes an effect row through the worker's context, in its transaction.</summary>
public sealed class WelcomeMail(AppDb db, Hold hold)
{
    [Receiver(Signal.UserRegistered, Durable = true)]
    public async Task SendAsync(string userId, string email, DurableDelivery delivery, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { DeliveryId = delivery.Id, Kind = "welcome", Subject = userId + " " + email, Attempt = delivery.Attempt, Handler = Environment.ProcessId });
        await db.SaveChangesAsync(cancellationToken);

        // The effect is written, its transaction not committed: a kill here must roll it back.
        await hold.ReachedAsync("in-receiver", delivery.Id, cancellationToken);
    }
}

public static class Reports
{
    /// <summary>Each attempt, counted in the process (the failed attempts' rows roll back).</summary>
    public static int Attempts;

    /// <summary>The delivery each attempt was given, in order.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentQueue<DurableDelivery> Deliveries = new();

    [Receiver(Signal.ReportRequested, Durable = true, DurableName = "durable-host:report")]
    public static void Build(string reportId, DurableDelivery delivery)
    {
        Interlocked.Increment(ref Attempts);
        Deliveries.Enqueue(delivery);
        throw new InvalidOperationException($"Report {reportId} cannot be built (attempt {delivery.Attempt}).");
    }
}

/// <summary>The user-facing change: a user row, and the signal sent in the same transaction.</summary>
public sealed class Registration(AppDb db, Signals signals, Hold hold)
{
    public async Task<string> RegisterAsync(string email, CancellationToken cancellationToken)
    {
        var userId = Guid.NewGuid().ToString("N");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Users.Add(new User { Id = userId, Email = email });
        await db.SaveChangesAsync(cancellationToken);
        await signals.SendUserRegisteredAsync(userId, email, cancellationToken);

        await hold.ReachedAsync("before-commit", Guid.Empty, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return userId;
    }
}
