using System;
using System.Threading;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Http;
using SignalGen;
using SignalGen.Identity;

namespace AuthSample.Receivers;

/// <summary>
/// An entry in the user's security log for each account event the other receivers do not handle: with the
/// profile, activity and MFA receivers, every catalogue signal but the internal AddEmail writes a row.
/// </summary>
public sealed class SecurityLogReceivers(AppDbContext db, TimeProvider time)
{
    /// <summary>Logout (nothing when no user was signed in).</summary>
    [Receiver(Signal.UserLoggedOut)]
    public Task LoggedOutAsync(HttpContext request, AppUser? user, CancellationToken cancellationToken) =>
        user is null ? Task.CompletedTask : WriteAsync(request, user.Id, "UserLoggedOut", null, cancellationToken);

    /// <summary>An address was added.</summary>
    [Receiver(Signal.EmailAdded)]
    public Task EmailAddedAsync(HttpContext request, AppUser user, EmailAddress emailAddress, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "EmailAdded", emailAddress.Email, cancellationToken);

    /// <summary>An address was removed.</summary>
    [Receiver(Signal.EmailRemoved)]
    public Task EmailRemovedAsync(HttpContext request, AppUser user, EmailAddress emailAddress, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "EmailRemoved", emailAddress.Email, cancellationToken);

    /// <summary>The primary address changed.</summary>
    [Receiver(Signal.EmailChanged)]
    public Task EmailChangedAsync(HttpContext request, AppUser user, EmailAddress? fromEmailAddress, EmailAddress toEmailAddress, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "EmailChanged", (fromEmailAddress?.Email ?? "(none)") + " -> " + toEmailAddress.Email, cancellationToken);

    /// <summary>A verification message was sent.</summary>
    [Receiver(Signal.EmailConfirmationSent)]
    public Task ConfirmationSentAsync(HttpContext request, EmailConfirmation confirmation, bool signup, CancellationToken cancellationToken) =>
        WriteAsync(request, confirmation.EmailAddress.UserId, "EmailConfirmationSent", confirmation.EmailAddress.Email + (signup ? " (signup)" : ""), cancellationToken);

    /// <summary>An address was verified.</summary>
    [Receiver(Signal.EmailConfirmed)]
    public Task EmailConfirmedAsync(HttpContext request, EmailAddress emailAddress, CancellationToken cancellationToken) =>
        WriteAsync(request, emailAddress.UserId, "EmailConfirmed", emailAddress.Email, cancellationToken);

    /// <summary>A first password was set (account created by an external login).</summary>
    [Receiver(Signal.PasswordSet)]
    public Task PasswordSetAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "PasswordSet", null, cancellationToken);

    /// <summary>The password was changed by its owner.</summary>
    [Receiver(Signal.PasswordChanged)]
    public Task PasswordChangedAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "PasswordChanged", null, cancellationToken);

    /// <summary>The password was reset through the e-mailed link.</summary>
    [Receiver(Signal.PasswordReset)]
    public Task PasswordResetAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "PasswordReset", null, cancellationToken);

    /// <summary>An external login is about to be processed (login or connect); nothing while a signup has no user yet.</summary>
    [Receiver(Signal.PreSocialLogin)]
    public Task PreSocialLoginAsync(HttpContext request, SocialLogin socialLogin, CancellationToken cancellationToken) =>
        WriteSocialAsync(request, socialLogin.Account, "PreSocialLogin", cancellationToken);

    /// <summary>A connected external account logged in and its data was refreshed.</summary>
    [Receiver(Signal.SocialAccountUpdated)]
    public Task SocialAccountUpdatedAsync(HttpContext request, SocialLogin socialLogin, CancellationToken cancellationToken) =>
        WriteSocialAsync(request, socialLogin.Account, "SocialAccountUpdated", cancellationToken);

    /// <summary>An external account was connected.</summary>
    [Receiver(Signal.SocialAccountAdded)]
    public Task SocialAccountAddedAsync(HttpContext request, SocialLogin socialLogin, CancellationToken cancellationToken) =>
        WriteSocialAsync(request, socialLogin.Account, "SocialAccountAdded", cancellationToken);

    /// <summary>An external account was disconnected.</summary>
    [Receiver(Signal.SocialAccountRemoved)]
    public Task SocialAccountRemovedAsync(HttpContext request, SocialAccount socialAccount, CancellationToken cancellationToken) =>
        WriteSocialAsync(request, socialAccount, "SocialAccountRemoved", cancellationToken);

    /// <summary>A log-in failed for an account (nothing for an unknown user: the log is per account).</summary>
    [Receiver(Signal.UserLoginFailed)]
    public Task LoginFailedAsync(HttpContext request, AppUser? user, LoginFailureReason reason, bool lockedOut, CancellationToken cancellationToken) =>
        user is null ? Task.CompletedTask : WriteAsync(request, user.Id, "UserLoginFailed", Describe(reason) + (lockedOut ? ", account locked" : ""), cancellationToken);

    /// <summary>A wrong code sent by e-mail or text message was entered at log-in.</summary>
    [Receiver(Signal.LoginCodeRejected)]
    public Task LoginCodeRejectedAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "LoginCodeRejected", null, cancellationToken);

    /// <summary>A password reset link was refused.</summary>
    [Receiver(Signal.PasswordResetCodeRejected)]
    public Task PasswordResetCodeRejectedAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "PasswordResetCodeRejected", null, cancellationToken);

    /// <summary>An address confirmation link was refused.</summary>
    [Receiver(Signal.EmailVerificationCodeRejected)]
    public Task EmailVerificationCodeRejectedAsync(HttpContext request, AppUser user, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "EmailVerificationCodeRejected", null, cancellationToken);

    /// <summary>An authenticator was turned on or a passkey added.</summary>
    [Receiver(Signal.AuthenticatorAdded)]
    public Task AuthenticatorAddedAsync(HttpContext request, AppUser user, Authenticator authenticator, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "AuthenticatorAdded", Describe(authenticator), cancellationToken);

    /// <summary>An authenticator was turned off or a passkey removed.</summary>
    [Receiver(Signal.AuthenticatorRemoved)]
    public Task AuthenticatorRemovedAsync(HttpContext request, AppUser user, Authenticator authenticator, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "AuthenticatorRemoved", Describe(authenticator), cancellationToken);

    /// <summary>New recovery codes replaced the old ones.</summary>
    [Receiver(Signal.AuthenticatorReset)]
    public Task AuthenticatorResetAsync(HttpContext request, AppUser user, Authenticator authenticator, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "AuthenticatorReset", Describe(authenticator), cancellationToken);

    /// <summary>An authenticator passed at log-in.</summary>
    [Receiver(Signal.AuthenticatorUsed)]
    public Task AuthenticatorUsedAsync(HttpContext request, AppUser user, Authenticator authenticator, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "AuthenticatorUsed", Describe(authenticator), cancellationToken);

    /// <summary>A second factor failed at log-in.</summary>
    [Receiver(Signal.AuthenticationFailed)]
    public Task AuthenticationFailedAsync(HttpContext request, AppUser user, Authenticator authenticator, CancellationToken cancellationToken) =>
        WriteAsync(request, user.Id, "AuthenticationFailed", Describe(authenticator), cancellationToken);

    private static string Describe(Authenticator authenticator) => authenticator.Type switch
    {
        MfaType.Totp => "authenticator app",
        MfaType.RecoveryCodes => "recovery codes, " + authenticator.RecoveryCodesLeft + " left",
        _ => "passkey " + (authenticator.Name ?? authenticator.Id),
    };

    private static string Describe(LoginFailureReason reason) => reason switch
    {
        LoginFailureReason.WrongPassword => "wrong password",
        LoginFailureReason.LockedOut => "account locked out",
        LoginFailureReason.NotAllowed => "not allowed to log in",
        LoginFailureReason.WrongSecondFactor => "wrong second factor",
        _ => reason.ToString(),
    };

    private Task WriteSocialAsync(HttpContext request, SocialAccount account, string name, CancellationToken cancellationToken) =>
        account.UserId is { } userId
            ? WriteAsync(request, userId, name, account.Provider + " " + account.Uid, cancellationToken)
            : Task.CompletedTask;

    private async Task WriteAsync(HttpContext request, string userId, string name, string? detail, CancellationToken cancellationToken)
    {
        db.SecurityLog.Add(new SecurityLogEntry
        {
            UserId = userId,
            At = time.GetUtcNow(),
            Event = name,
            Detail = detail,
            IpAddress = request.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
