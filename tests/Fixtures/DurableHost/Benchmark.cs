using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DurableHost.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignalGen;
using SignalGen.Durable;
using Wolverine.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore.Internals;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace DurableHost;

/// <summary>The benchmark's durable receiver: it records when it ran, in the worker's transaction.</summary>
public sealed class PingReceiver(AppDb db)
{
    [Receiver(Signal.Pinged, Durable = true)]
    public void Record(int sequence, DurableDelivery delivery)
    {
        db.Latencies.Add(new Latency { Kind = "signalgen", Sequence = sequence, StagedAt = delivery.StagedAt.UtcTicks, RanAt = DateTimeOffset.UtcNow.UtcTicks });
        Benchmark.Ran(sequence);
    }
}

/// <summary>The baseline: a plain Wolverine message, staged the same way (an outbox in the sender's transaction).</summary>
public sealed record PlainPing(int Sequence, long StagedAt);

/// <summary>
/// The baseline's handler, written by hand as a Wolverine user would for the same guarantee: a scope, a transaction
/// on the context that also marks the message handled, the same row written.
/// </summary>
public sealed class PlainPingHandler : MessageHandler<PlainPing>
{
    protected override async Task HandleAsync(PlainPing message, MessageContext context, CancellationToken cancellation)
    {
        await using var scope = context.Runtime.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var envelopeTransaction = new EfCoreEnvelopeTransaction(db, context);
        await context.EnlistInOutboxAsync(envelopeTransaction);

        // The same point as the durable receiver's: inside the transaction, where the receiver starts.
        var ranAt = DateTimeOffset.UtcNow.UtcTicks;
        db.Latencies.Add(new Latency { Kind = "wolverine", Sequence = message.Sequence, StagedAt = message.StagedAt, RanAt = ranAt });
        Benchmark.Ran(message.Sequence);
        await db.SaveChangesAsync(cancellation);
        await envelopeTransaction.CommitAsync(cancellation);
    }
}

/// <summary>
/// Delivery, end to end, through a durable receiver and through the hand-written baseline, in alternating rounds in one
/// process. Throughput: <c>count</c> messages staged in one transaction, then the worker's rate from the commit to the
/// last receiver's start. Latency: <c>count</c> sends one after another, each in a transaction of its own as a sign-up's
/// would be, each waited for, from its staging to its receiver's start (p50, p99).
/// </summary>
public static class Benchmark
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> s_waiting = new();

    /// <summary>Called by both receivers when they start: the latency run waits for it.</summary>
    public static void Ran(int sequence)
    {
        if (s_waiting.TryRemove(sequence, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    public static async Task RunAsync(IHost host, string database, int count, int rounds)
    {
        // Warm-up: the JIT, EF Core's model, the connections.
        await LatencyAsync(host, "signalgen", 0, 20);
        await LatencyAsync(host, "wolverine", 100, 20);

        var results = new List<(string Kind, double Throughput, double P50, double P99)>();
        var offset = 1_000_000;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in round % 2 == 0 ? new[] { "signalgen", "wolverine" } : ["wolverine", "signalgen"])
            {
                var throughput = await ThroughputAsync(host, kind, offset, count);
                offset += count;
                var latencies = await LatencyAsync(host, kind, offset, count);
                offset += count;
                results.Add((kind, throughput, Percentile(latencies, 0.50), Percentile(latencies, 0.99)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROUND {round + 1} {kind}: {throughput:F0} deliveries/s, p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
            }
        }

        foreach (var kind in new[] { "signalgen", "wolverine" })
        {
            var of = results.Where(result => result.Kind == kind).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT {kind} store={(DatabaseState.IsPostgres(database) ? "postgresql" : "sqlite")} count={count} rounds={rounds} throughput_median={Median(of.Select(r => r.Throughput)):F0}/s p50_median={Median(of.Select(r => r.P50)):F2}ms p99_median={Median(of.Select(r => r.P99)):F2}ms"));
        }
    }

    /// <summary>Stages <paramref name="count"/> messages in one transaction; the deliveries per second from its commit to the last receiver's start.</summary>
    private static async Task<double> ThroughputAsync(IHost host, string kind, int first, int count)
    {
        await ClearAsync(host);
        long committed;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var outbox = kind == "signalgen" ? null : new DbContextOutbox<AppDb>(scope.ServiceProvider.GetRequiredService<IWolverineRuntime>(), db, []);
            for (var i = first; i < first + count; i++)
            {
                if (outbox is null)
                {
                    await scope.ServiceProvider.GetRequiredService<Signals>().SendPingedAsync(i);
                }
                else
                {
                    await outbox.PublishAsync(new PlainPing(i, DateTimeOffset.UtcNow.UtcTicks));
                }
            }

            await transaction.CommitAsync();
            committed = DateTimeOffset.UtcNow.UtcTicks;
            if (outbox is not null)
            {
                await outbox.FlushOutgoingMessagesAsync();
            }
        }

        var rows = await WaitForAsync(host, count);
        return count / TimeSpan.FromTicks(rows.Max(row => row.RanAt) - committed).TotalSeconds;
    }

    /// <summary>Sends one message at a time, each in its own transaction, waiting for its receiver; the milliseconds from staging to receiver, sorted.</summary>
    private static async Task<double[]> LatencyAsync(IHost host, string kind, int first, int count)
    {
        await ClearAsync(host);
        for (var i = first; i < first + count; i++)
        {
            var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            s_waiting[i] = ran;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                if (kind == "signalgen")
                {
                    await scope.ServiceProvider.GetRequiredService<Signals>().SendPingedAsync(i);
                    await transaction.CommitAsync();
                }
                else
                {
                    var outbox = new DbContextOutbox<AppDb>(scope.ServiceProvider.GetRequiredService<IWolverineRuntime>(), db, []);
                    await outbox.PublishAsync(new PlainPing(i, DateTimeOffset.UtcNow.UtcTicks));
                    await transaction.CommitAsync();
                    await outbox.FlushOutgoingMessagesAsync();
                }
            }

            await ran.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }

        var rows = await WaitForAsync(host, count);
        return rows.Select(row => TimeSpan.FromTicks(row.RanAt - row.StagedAt).TotalMilliseconds).Order().ToArray();
    }

    private static async Task<List<Latency>> WaitForAsync(IHost host, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<AppDb>().Latencies.AsNoTracking().ToListAsync();
            if (rows.Count >= count || DateTimeOffset.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(20);
        }
    }

    private static async Task ClearAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDb>().Latencies.ExecuteDeleteAsync();
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
