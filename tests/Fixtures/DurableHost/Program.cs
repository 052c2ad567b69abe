using System;
using System.Threading;
using System.Threading.Tasks;
using DurableHost;

// Modes the crash tests run as a real process:
//   register <db> <email>  registers a user; with DURABLE_HOST_HOLD set, stops at that point (HOLD ...) until killed;
//                          else waits for the welcome effect and prints DONE <userId>.
//   recover <db> <seconds> starts, lets Wolverine recover what a killed process left, waits, prints STATE.
var mode = args[0];
var databasePath = args[1];
using var host = DurableHostApp.Build(databasePath, Environment.GetEnvironmentVariable("DURABLE_HOST_HOLD"));
await host.StartAsync();
Console.WriteLine("STARTED");

if (mode == "register")
{
    var userId = await DurableHostApp.RegisterAsync(host, args[2], CancellationToken.None);
    await DatabaseState.WaitForAsync(databasePath, state => state.Welcome >= 1, TimeSpan.FromSeconds(30));
    Console.WriteLine("DONE " + userId);
}
else if (mode == "recover")
{
    await DatabaseState.WaitForAsync(databasePath, state => state.Welcome >= state.Users, TimeSpan.FromSeconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));

    // Time for a second run of a message to show up, if there were one.
    await Task.Delay(TimeSpan.FromSeconds(2));
    Console.WriteLine("STATE " + DatabaseState.Read(databasePath));
}

await host.StopAsync();
