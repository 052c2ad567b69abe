using System.Threading.Tasks;
using DurableHost;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// Two application processes on one PostgreSQL server, in Wolverine's Balanced mode: signals sent across both, each
/// durable receiver's effect counted in the database, exactly once, none lost; and a node killed with its messages
/// staged but not run, which the other node takes over.
/// </summary>
public sealed class ScaleOutTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Ten_thousand_signups_across_two_nodes_each_take_effect_exactly_once()
    {
        var database = await postgres.NewDatabaseAsync();
        using (var init = DurableHostProcess.Start(null, "init", database))
        {
            await init.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var a = DurableHostProcess.Start(null, "signups", database, "5000", "a", "10000", "240");
        using var b = DurableHostProcess.Start(null, "signups", database, "5000", "b", "10000", "240");
        await a.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);
        await b.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);

        Assert.Equal(new DatabaseState(Users: 10_000, Welcome: 10_000, Incoming: 0, Handled: 10_000, DeadLetters: 0), DatabaseState.Read(database));
        Assert.Equal(0, DatabaseState.DuplicateWelcomes(database));

        // Each node ran the receivers of the signals it sent (a durable local queue is its node's).
        Assert.Equal(5_000, DatabaseState.WelcomesHandledBy(database, "a", a.ProcessId));
        Assert.Equal(5_000, DatabaseState.WelcomesHandledBy(database, "b", b.ProcessId));
    }

    [Fact]
    public async Task A_killed_nodes_staged_messages_are_taken_over_by_the_other_node_and_run_once()
    {
        var database = await postgres.NewDatabaseAsync();
        using (var init = DurableHostProcess.Start(null, "init", database))
        {
            await init.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Node b's receivers hang (its first holds, and the queue behind it waits): its 1,000 signups commit their
        // messages, which stay in its inbox when it is killed.
        using var b = DurableHostProcess.Start("in-receiver", "signups", database, "1000", "b", "2000", "240");
        await b.WaitForLineAsync("SENT 1000", TestContext.Current.CancellationToken, untilExit: false);
        b.Kill();
        var killed = DatabaseState.Read(database);
        Assert.Equal(1_000, killed.Users);
        Assert.True(killed.Welcome < 1_000, "node b ran its receivers before it was killed: " + killed);

        using var a = DurableHostProcess.Start(null, "signups", database, "1000", "a", "2000", "240");
        await a.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);

        Assert.Equal(new DatabaseState(Users: 2_000, Welcome: 2_000, Incoming: 0, Handled: 2_000, DeadLetters: 0), DatabaseState.Read(database));
        Assert.Equal(0, DatabaseState.DuplicateWelcomes(database));
        Assert.Equal(1_000 - killed.Welcome, DatabaseState.WelcomesHandledBy(database, "b", a.ProcessId));
    }
}
