using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using DurableHost;

// Modes the crash and scale-out tests run as a real process (<db>: a SQLite file, or a PostgreSQL connection string;
// DURABLE_HOST_RABBITMQ=amqp://... routes the durable receivers' messages through that broker's queue):
//   register <db> <email>   registers a user; with DURABLE_HOST_HOLD set, stops at that point (HOLD ...) until killed;
//                           else waits for the welcome effect and prints DONE <userId>.
//   recover <db> <seconds>  starts, lets Wolverine recover what a killed process left, waits, prints STATE.
//   init <db>               creates the app's tables in a PostgreSQL database, before any node starts.
//   bench <db> <count> <rounds>
//                           the delivery benchmark (Benchmark.cs): prints ROUND and RESULT lines.
//   signups <db> <count> <prefix> <total> <seconds>
//                           one node of several: registers <count> users, prints SENT, then waits until the database
//                           holds <total> welcome effects (every node's), a while longer, and prints STATE.
var mode = args[0];
var database = args[1];
if (mode == "init")
{
    DurableHostApp.CreatePostgresTables(database);
    return;
}

using var host = DurableHostApp.Build(database, Environment.GetEnvironmentVariable("DURABLE_HOST_HOLD"), rabbitMq: Environment.GetEnvironmentVariable("DURABLE_HOST_RABBITMQ"));
await host.StartAsync();
Console.WriteLine("STARTED " + Environment.ProcessId);

if (mode == "register")
{
    var userId = await DurableHostApp.RegisterAsync(host, args[2], CancellationToken.None);
    await DatabaseState.WaitForAsync(database, state => state.Welcome >= 1, TimeSpan.FromSeconds(30));
    Console.WriteLine("DONE " + userId);
}
else if (mode == "recover")
{
    await DatabaseState.WaitForAsync(database, state => state.Welcome >= state.Users, TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture)));

    // Time for a second run of a message to show up, if there were one.
    await Task.Delay(TimeSpan.FromSeconds(2));
    Console.WriteLine("STATE " + DatabaseState.Read(database));
}
else if (mode == "bench")
{
    await Benchmark.RunAsync(host, database, int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
}
else if (mode == "signups")
{
    var count = int.Parse(args[2], CultureInfo.InvariantCulture);
    for (var i = 0; i < count; i++)
    {
        await DurableHostApp.RegisterAsync(host, $"{args[3]}-{i}@example.com", CancellationToken.None);
        if ((i + 1) % 1000 == 0)
        {
            Console.WriteLine($"SENT {i + 1}");
        }
    }

    var total = int.Parse(args[4], CultureInfo.InvariantCulture);
    await DatabaseState.WaitForAsync(database, state => state.Welcome >= total, TimeSpan.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture)));
    await Task.Delay(TimeSpan.FromSeconds(2));
    Console.WriteLine("STATE " + DatabaseState.Read(database));
}

await host.StopAsync();
