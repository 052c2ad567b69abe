using System.Threading;
using System.Threading.Tasks;
using CrossProject.Accounts;
using SignalGen;

namespace CrossProject.Receivers;

internal static class AuditReceivers
{
    [Receiver(Signal.UserSignedUp, Order = -5)]
    public static void AuditSignUp(string request, Account user) => user.Log.Add("Receivers.AuditSignUp:" + request);

    [Receiver(Signal.UserLoggedIn)]
    public static ValueTask AuditLogInAsync(UserLoggedIn signal, CancellationToken cancellationToken)
    {
        signal.User.Log.Add("Receivers.AuditLogInAsync");
        return ValueTask.CompletedTask;
    }
}

/// <summary>An internal instance receiver in a library: resolved from the application's container.</summary>
internal sealed class LibraryMailer
{
    [Receiver(Signal.UserSignedUp)]
    public void SendWelcomeMail(Account user) => user.Log.Add("Receivers.LibraryMailer.SendWelcomeMail");
}
