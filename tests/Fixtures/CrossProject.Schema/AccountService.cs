using System.Collections.Concurrent;
using CrossProject.Accounts;
using SignalGen;

namespace CrossProject;

/// <summary>The user type of the fixture.</summary>
public sealed record Account(string Name, DeliveryLog Log);

/// <summary>Records which receiver ran, in order, so tests can assert deliveries exactly.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string[] Entries => _entries.ToArray();

    public void Add(string entry) => _entries.Enqueue(entry);
}

/// <summary>Library code that sends its own signals: it cannot know the application's receivers at compile time.</summary>
public static class AccountService
{
    public static Account SignUp(Signals signals, string name, DeliveryLog log)
    {
        var account = new Account(name, log);
        signals.SendUserSignedUp("signup-request", account);
        return account;
    }

    public static void LogIn(Signals signals, Account account) => signals.SendUserLoggedIn("login-request", account);
}

internal static class SchemaLibraryReceivers
{
    [Receiver(Signal.UserSignedUp, Order = 5)]
    public static void Welcome(Account user) => user.Log.Add("Schema.Welcome");
}
