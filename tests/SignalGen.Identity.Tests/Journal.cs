using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>Every signal the flows sent, in order, as the receivers got it.</summary>
public sealed class SignalJournal
{
    private readonly List<object> _signals = [];

    public IReadOnlyList<object> Signals => _signals;

    public string[] Names => _signals.Select(signal => signal.GetType().Name.Split('`')[0]).ToArray();

    /// <summary>What a receiver of AddEmail does: nothing, or throw to refuse the address.</summary>
    public System.Func<string, Task>? OnAddEmail { get; set; }

    /// <summary>Whether any Set-Cookie header (the sign-out's cleared cookies) was on the response when UserLoggedOut arrived.</summary>
    public bool? CookiesClearedBeforeLogoutSignal { get; set; }

    public void Add(object signal) => _signals.Add(signal);

    public void Clear() => _signals.Clear();

    public T Single<T>() => Assert.Single(_signals.OfType<T>());
}

/// <summary>
/// The application's receivers: one per catalogue signal, each declaring the user as the application's
/// own type (<see cref="AppUser"/>) where the signal has one. Resolved from DI, so they write to the test's journal.
/// </summary>
public sealed class JournalReceivers(SignalJournal journal)
{
    [Receiver(Signal.UserLoggedIn)]
    public void LoggedIn(UserLoggedIn<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.UserLoggedOut)]
    public void LoggedOut(UserLoggedOut<AppUser> signal)
    {
        journal.CookiesClearedBeforeLogoutSignal = signal.Request.Response.Headers.SetCookie.Count > 0;
        journal.Add(signal);
    }

    [Receiver(Signal.UserSignedUp)]
    public void SignedUp(HttpContext request, AppUser user, SocialLogin? socialLogin) => journal.Add(new UserSignedUp<AppUser>(request, user, socialLogin));

    [Receiver(Signal.PasswordSet)]
    public void PasswordSet(PasswordSet<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.PasswordChanged)]
    public void PasswordChanged(PasswordChanged<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.PasswordReset)]
    public void PasswordReset(PasswordReset<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.EmailConfirmed)]
    public void EmailConfirmed(EmailConfirmed signal) => journal.Add(signal);

    [Receiver(Signal.EmailConfirmationSent)]
    public void EmailConfirmationSent(EmailConfirmationSent signal) => journal.Add(signal);

    [Receiver(Signal.EmailChanged)]
    public void EmailChanged(EmailChanged<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.EmailAdded)]
    public void EmailAdded(EmailAdded<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.EmailRemoved)]
    public void EmailRemoved(EmailRemoved<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticationStepCompleted)]
    public void StepCompleted(AuthenticationStepCompleted<AppUser> signal) => journal.Add(signal);

    // AddEmail is internal to SignalGen.Identity (SGEN0108 says so); the veto test needs a receiver of it.
#pragma warning disable SGEN0108
    [Receiver(Signal.AddEmail)]
#pragma warning restore SGEN0108
    public async Task AddEmail(string email, AppUser user)
    {
        journal.Add(new AddEmail<AppUser>(email, user));
        if (journal.OnAddEmail is { } check)
        {
            await check(email);
        }
    }

    [Receiver(Signal.PreSocialLogin)]
    public void PreSocialLogin(PreSocialLogin signal) => journal.Add(signal);

    [Receiver(Signal.SocialAccountAdded)]
    public void SocialAccountAdded(SocialAccountAdded signal) => journal.Add(signal);

    [Receiver(Signal.SocialAccountUpdated)]
    public void SocialAccountUpdated(SocialAccountUpdated signal) => journal.Add(signal);

    [Receiver(Signal.SocialAccountRemoved)]
    public void SocialAccountRemoved(SocialAccountRemoved signal) => journal.Add(signal);

    [Receiver(Signal.UserLoginFailed)]
    public void LoginFailed(UserLoginFailed<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.LoginCodeRejected)]
    public void LoginCodeRejected(LoginCodeRejected<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.PasswordResetCodeRejected)]
    public void PasswordResetCodeRejected(PasswordResetCodeRejected<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.EmailVerificationCodeRejected)]
    public void EmailVerificationCodeRejected(EmailVerificationCodeRejected<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticatorAdded)]
    public void AuthenticatorAdded(AuthenticatorAdded<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticatorRemoved)]
    public void AuthenticatorRemoved(AuthenticatorRemoved<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticatorReset)]
    public void AuthenticatorReset(AuthenticatorReset<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticatorUsed)]
    public void AuthenticatorUsed(AuthenticatorUsed<AppUser> signal) => journal.Add(signal);

    [Receiver(Signal.AuthenticationFailed)]
    public void AuthenticationFailed(AuthenticationFailed<AppUser> signal) => journal.Add(signal);
}
