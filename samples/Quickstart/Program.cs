using System;
using Microsoft.Extensions.DependencyInjection;
using Quickstart;
using Quickstart.Auth;

var services = new ServiceCollection()
    .AddSingleton<MailOutbox>()
    .AddSignals()                      // generated: registers the sender and SecurityMailer
    .BuildServiceProvider(validateScopes: true);

using var scope = services.CreateScope();
var signals = scope.ServiceProvider.GetRequiredService<Signals>();
var request = new RequestInfo("203.0.113.7", "Mozilla/5.0");
var alice = new User(1, "alice@example.com", HasMfa: false);
var bob = new User(2, "bob@example.com", HasMfa: true);

Console.WriteLine("UserSignedUp (static receiver, then DI receiver with Order = 10):");
await signals.SendUserSignedUpAsync(request, alice);

Console.WriteLine("UserLoggedIn (a run-time receiver connected with Signals.Connect runs after the compiled ones):");
using (Signals.Connect((UserLoggedIn signal) => Console.WriteLine($"  [connected] welcome back, {signal.User.Email}")))
{
    signals.SendUserLoggedIn(request, alice);
}

Console.WriteLine("PasswordChanged (mode robust: one receiver fails, the others still run):");
var result = await signals.SendPasswordChangedAsync(request, alice);
Console.WriteLine($"  -> {result}; failed: {string.Join("; ", result.Failures)}");

Console.WriteLine("AddEmail (mode veto: a receiver blocks the address by throwing):");
signals.SendAddEmail("alice.work@example.com", alice);
Console.WriteLine("  -> alice.work@example.com accepted");
try
{
    signals.SendAddEmail("bob.new@example.com", bob);
}
catch (InvalidOperationException veto)
{
    Console.WriteLine($"  -> vetoed: {veto.Message}");
}

Console.WriteLine($"Mails queued: {services.GetRequiredService<MailOutbox>().Count}");
