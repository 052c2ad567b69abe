using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DurableHost;
using DurableHost.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignalGen.Observability;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// The application in this process, on Wolverine and a SQLite file of its own per test: what a durable
/// receiver's message looks like stored, what happens to a rolled-back one, one sent with no transaction
/// open, one whose receiver always throws, and the trace from the send to the receiver.
/// </summary>
[Collection(InProcessHosts.Name)]
public sealed class DeliveryTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("signalgen-delivery-").FullName;

    private string DatabasePath => Path.Combine(_directory, "app.db");

    [Fact]
    public async Task A_committed_signup_runs_its_durable_receiver_once_stored_under_the_receivers_message_name()
    {
        using var host = await StartAsync();

        await DurableHostApp.RegisterAsync(host, "ann@example.com", TestContext.Current.CancellationToken);

        var state = await DatabaseState.WaitForAsync(DatabasePath, s => s.Handled == 1, s_timeout);
        Assert.Equal(new DatabaseState(Users: 1, Welcome: 1, Incoming: 0, Handled: 1, DeadLetters: 0), state);
        Assert.Equal(
            ["signalgen:DurableHost.Accounts.UserRegistered/DurableHost.WelcomeMail.SendAsync(string, string, DurableDelivery, CancellationToken)"],
            Strings("SELECT message_type FROM wolverine_incoming_envelopes"));
        Assert.Equal(["1"], Strings("SELECT Attempt FROM Effects"));
    }

    [Fact]
    public async Task A_signal_sent_in_a_transaction_that_rolls_back_leaves_no_message_and_runs_nothing()
    {
        using var host = await StartAsync();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            db.Users.Add(new User { Id = "u1", Email = "bob@example.com" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<Signals>().SendUserRegisteredAsync("u1", "bob@example.com", TestContext.Current.CancellationToken);

            // The envelope row exists, inside the transaction only.
            Assert.Equal(1, await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM wolverine_incoming_envelopes").SingleAsync(TestContext.Current.CancellationToken));
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        // Longer than the worker needs for a committed message (A_committed_signup: well under a second here).
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(new DatabaseState(Users: 0, Welcome: 0, Incoming: 0, Handled: 0, DeadLetters: 0), DatabaseState.Read(DatabasePath));
    }

    [Fact]
    public async Task A_signal_sent_with_no_transaction_open_is_stored_by_Wolverine_and_run()
    {
        using var host = await StartAsync();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Signals>().SendUserRegisteredAsync("u2", "cy@example.com", TestContext.Current.CancellationToken);
        }

        var state = await DatabaseState.WaitForAsync(DatabasePath, s => s.Handled == 1, s_timeout);
        Assert.Equal((1L, 1L, 0L), (state.Welcome, state.Handled, state.Incoming));
    }

    [Fact]
    public async Task A_receiver_that_always_throws_is_retried_then_dead_lettered_and_its_message_kept()
    {
        using var host = await StartAsync(retryDelays: [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)]);
        var before = Volatile.Read(ref Reports.Attempts);
        Reports.Deliveries.Clear();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Signals>().SendReportRequestedAsync("r-1", TestContext.Current.CancellationToken);
        }

        var state = await DatabaseState.WaitForAsync(DatabasePath, s => s.DeadLetters == 1, s_timeout);
        Assert.Equal(1, state.DeadLetters);
        Assert.Equal(0, state.Incoming);

        // One attempt, then one per retry delay, all of one delivery: the id a receiver that is not a write to this
        // database deduplicates on.
        Assert.Equal(3, Volatile.Read(ref Reports.Attempts) - before);
        var deliveries = Reports.Deliveries.ToArray();
        Assert.Equal([1, 2, 3], deliveries.Select(delivery => delivery.Attempt));
        Assert.Single(deliveries.Select(delivery => delivery.Id).Distinct());
        Assert.Equal(
            ["durable-host:report|System.InvalidOperationException|Report r-1 cannot be built (attempt 3)."],
            Strings("SELECT message_type || '|' || exception_type || '|' || exception_message FROM wolverine_dead_letters"));
    }

    [Fact]
    public async Task The_receivers_activity_is_linked_to_the_send_and_carries_the_delivery()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SignalGenTelemetry.Name or "SignalGen.Wolverine.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("SignalGen.Wolverine.Tests");
        using var host = await StartAsync();

        ActivityContext request;
        using (var activity = source.StartActivity("sign-up request"))
        {
            request = activity!.Context;
            await DurableHostApp.RegisterAsync(host, "dee@example.com", TestContext.Current.CancellationToken);
        }

        await DatabaseState.WaitForAsync(DatabasePath, s => s.Handled == 1, s_timeout);
        Activity run;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (stopped)
            {
                if (stopped.FirstOrDefault(a => a.OperationName == "run DurableHost.Accounts.UserRegistered") is { } found)
                {
                    run = found;
                    break;
                }
            }

            Assert.True(clock.Elapsed < s_timeout, "No receiver activity was stopped.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(ActivityKind.Consumer, run.Kind);
        Assert.Equal(request.TraceId, run.TraceId);

        // The link names the send's own span (SignalGen's, inside the request), where the message was stamped.
        var link = Assert.Single(run.Links);
        Activity send;
        lock (stopped)
        {
            send = Assert.Single(stopped, a => a.SpanId == link.Context.SpanId);
        }

        Assert.Equal(SignalGenTelemetry.Name, send.Source.Name);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        Assert.Equal("DurableHost.WelcomeMail.SendAsync(string, string, DurableDelivery, CancellationToken)", run.GetTagItem("signalgen.receiver"));
        Assert.Equal(1, run.GetTagItem("signalgen.attempt"));
        Assert.Equal(Strings("SELECT lower(DeliveryId) FROM Effects").Single(), ((string)run.GetTagItem("signalgen.delivery_id")!).ToLowerInvariant());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<IHost> StartAsync(TimeSpan[]? retryDelays = null)
    {
        var host = DurableHostApp.Build(DatabasePath, retryDelays: retryDelays);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private List<string> Strings(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + DatabasePath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}

/// <summary>
/// Wolverine's hosts in one process share its process-wide state (message type names, the telemetry
/// listeners these tests add): one host at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessHosts
{
    public const string Name = "In-process Wolverine hosts";
}
