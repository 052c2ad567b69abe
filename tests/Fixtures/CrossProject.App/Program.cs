using System;
using CrossProject;
using CrossProject.Accounts;
using Microsoft.Extensions.DependencyInjection;
using SignalGen;

using var services = new ServiceCollection().AddSignals().BuildServiceProvider(validateScopes: true);
using var scope = services.CreateScope();
var signals = scope.ServiceProvider.GetRequiredService<Signals>();
var log = new DeliveryLog();
var account = AccountService.SignUp(signals, "ada", log);
AccountService.LogIn(signals, account);
foreach (var entry in log.Entries)
{
    Console.WriteLine(entry);
}

internal static class AppReceivers
{
    [Receiver(Signal.UserSignedUp)]
    public static void CreateProfile(Account user) => user.Log.Add("App.CreateProfile");

    [Receiver(Signal.UserLoggedIn, Order = 1)]
    public static void RecordActivity(Account user, string request) => user.Log.Add("App.RecordActivity:" + request);
}
