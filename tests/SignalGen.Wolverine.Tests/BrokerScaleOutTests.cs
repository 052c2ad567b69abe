using System.Threading.Tasks;
using DurableHost;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// Two application processes on one PostgreSQL server with the durable receivers' messages routed through one
/// RabbitMQ queue that both listen to: the nodes share the work, each message's receiver still takes effect once.
/// </summary>
public sealed class BrokerScaleOutTests(PostgresServer postgres, RabbitMqServer rabbitMq) : IClassFixture<PostgresServer>, IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task Signups_across_two_nodes_sharing_a_RabbitMQ_queue_each_take_effect_once_and_both_nodes_run_the_others()
    {
        var database = await postgres.NewDatabaseAsync();
        using (var init = DurableHostProcess.Start(null, "init", database))
        {
            await init.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var broker = new System.Collections.Generic.Dictionary<string, string> { ["DURABLE_HOST_RABBITMQ"] = rabbitMq.Address };
        using var a = DurableHostProcess.Start(null, broker, "signups", database, "2000", "a", "4000", "240");
        using var b = DurableHostProcess.Start(null, broker, "signups", database, "2000", "b", "4000", "240");
        await a.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);
        await b.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);

        Assert.Equal(new DatabaseState(Users: 4_000, Welcome: 4_000, Incoming: 0, Handled: 4_000, DeadLetters: 0), DatabaseState.Read(database));
        Assert.Equal(0, DatabaseState.DuplicateWelcomes(database));

        // The queue is shared: each node ran receivers of signals the other sent.
        Assert.True(DatabaseState.WelcomesHandledBy(database, "a", b.ProcessId) > 0, "node b ran none of node a's messages");
        Assert.True(DatabaseState.WelcomesHandledBy(database, "b", a.ProcessId) > 0, "node a ran none of node b's messages");
    }
}
