using System;
using System.Threading;
using System.Threading.Tasks;
using Quickstart.Auth;
using SignalGen;

namespace Quickstart;

/// <summary>Static receivers: called directly by the generated dispatch table.</summary>
public static class AccountReceivers
{
    // Parameters bind by name to the signal's arguments: any subset, any order.
    [Receiver(Signal.UserSignedUp)]
    public static void CreateProfile(User user, RequestInfo request) =>
        Console.WriteLine($"  [AccountReceivers.CreateProfile] profile for {user.Email}, signed up from {request.IpAddress}");

    // Order runs this receiver before the others of UserLoggedIn; it takes the whole signal.
    [Receiver(Signal.UserLoggedIn, Order = -10)]
    public static void AuditLogin(UserLoggedIn signal) =>
        Console.WriteLine($"  [AccountReceivers.AuditLogin] {signal.User.Email} logged in ({signal.Request.UserAgent})");

    // allauth's MFA vetoes unverified addresses on MFA-protected accounts by raising: same here.
    [Receiver(Signal.AddEmail)]
    public static void BlockOnMfaAccounts(string email, User user)
    {
        Console.WriteLine($"  [AccountReceivers.BlockOnMfaAccounts] checking {email}");
        if (user.HasMfa)
        {
            throw new InvalidOperationException($"{email} cannot be added to an account protected by MFA until it is verified.");
        }
    }
}

/// <summary>An instance receiver: resolved from DI with its dependencies.</summary>
public sealed class SecurityMailer(MailOutbox outbox)
{
    [Receiver(Signal.PasswordChanged), Receiver(Signal.UserSignedUp, Order = 10)]
    public async Task NotifyAsync(User user, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        outbox.Send(user.Email);
        Console.WriteLine($"  [SecurityMailer.NotifyAsync] mail queued for {user.Email}");
    }

    // A failing receiver: under the robust mode of PasswordChanged the others still run.
    [Receiver(Signal.PasswordChanged, Order = -1)]
    public void RevokeOtherSessions(User user) =>
        throw new InvalidOperationException($"session store unavailable for user {user.Id}");
}

/// <summary>A dependency of <see cref="SecurityMailer"/>.</summary>
public sealed class MailOutbox
{
    private int _count;

    public int Count => _count;

    public void Send(string address) => Interlocked.Increment(ref _count);
}
