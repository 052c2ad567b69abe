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
    public void Record(int sequence, DurableDelivery delivery) =>
        db.Latencies.Add(new Latency { Kind = "signalgen", Sequence = sequence, StagedAt = delivery.StagedAt.UtcTicks, RanAt = DateTimeOffset.UtcNow.UtcTicks });
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
        var ranAt = DateTimeOffset.UtcNow.UtcTicks;
        await using var scope = context.Runtime.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var envelopeTransaction = new EfCoreEnvelopeTransaction(db, context);
        await context.EnlistInOutboxAsync(envelopeTransaction);
        db.Latencies.Add(new Latency { Kind = "wolverine", Sequence = message.Sequence, StagedAt = message.StagedAt, RanAt = ranAt });
        await db.SaveChangesAsync(cancellation);
        await envelopeTransaction.CommitAsync(cancellation);
    }
}

/// <summary>
/// Delivery, end to end: <c>count</c> sends, each in a transaction of its own as a sign-up's would be, through a durable
/// receiver and through the hand-written baseline, in alternating rounds in one process; per round the throughput
/// (deliveries per second, first staging to last receiver start) and the latency from staging to the receiver's start.
/// </summary>
public static class Benchmark
{
    public static async Task RunAsync(IHost host, string database, int count, int rounds)
    {
        // Warm-up: the JIT, EF Core's model, the connections.
        await SendAsync(host, "signalgen", 0, 50);
        await SendAsync(host, "wolverine", 0, 50);
        await WaitForAsync(host, 100);

        var results = new List<(string Kind, double Throughput, double P50, double P99)>();
        var offset = 1_000_000;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in round % 2 == 0 ? new[] { "signalgen", "wolverine" } : ["wolverine", "signalgen"])
            {
                await ClearAsync(host);
                var start = DateTimeOffset.UtcNow.UtcTicks;
                await SendAsync(host, kind, offset, count);
                offset += count;
                var rows = await WaitForAsync(host, count);
                var latencies = rows.Select(row => TimeSpan.FromTicks(row.RanAt - row.StagedAt).TotalMilliseconds).Order().ToArray();
                var seconds = TimeSpan.FromTicks(rows.Max(row => row.RanAt) - start).TotalSeconds;
                results.Add((kind, count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROUND {round + 1} {kind}: {count / seconds:F0} deliveries/s, p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms"));
            }
        }

        foreach (var kind in new[] { "signalgen", "wolverine" })
        {
            var of = results.Where(result => result.Kind == kind).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT {kind} store={(DatabaseState.IsPostgres(database) ? "postgresql" : "sqlite")} count={count} rounds={rounds} throughput_median={Median(of.Select(r => r.Throughput)):F0}/s p50_median={Median(of.Select(r => r.P50)):F1}ms p99_median={Median(of.Select(r => r.P99)):F1}ms"));
        }
    }

    private static async Task SendAsync(IHost host, string kind, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
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
