using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SignalGen.Identity;

/// <summary>
/// Identity's <see cref="SignInManager{TUser}"/>, sending the catalogue's signals from its sign-in flows:
/// <c>AuthenticationStepCompleted</c> for each step (password, second factor, code, passkey, external
/// login), <c>UserLoggedIn</c> only when the user is really signed in (never while a second factor is
/// pending, never on a cookie refresh), <c>UserLoggedOut</c> before the cookie is cleared, and for external
/// logins <c>SocialAccountUpdated</c> then <c>PreSocialLogin</c> before the login is processed.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public partial class SignalingSignInManager<TUser> : SignInManager<TUser>
    where TUser : class
{
    private readonly IdentitySignalSender<TUser> _sender;
    private AuthenticationStep? _pendingStep;
    private string? _identifier;
    private bool _passwordChecked;
    private bool _refreshing;
    private UserPasskeyInfo? _passkeyUsed;

    /// <summary>Created by dependency injection.</summary>
    /// <param name="userManager">The user manager.</param>
    /// <param name="contextAccessor">The HTTP context accessor.</param>
    /// <param name="claimsFactory">The principal factory.</param>
    /// <param name="optionsAccessor">Identity's options.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="schemes">The authentication schemes.</param>
    /// <param name="confirmation">The account confirmation check.</param>
    /// <param name="services">The request's services, from which instance receivers are resolved.</param>
    public SignalingSignInManager(
        UserManager<TUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<TUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<TUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<TUser> confirmation,
        IServiceProvider services)
        : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    {
        _sender = new IdentitySignalSender<TUser>(services, contextAccessor);
    }

    /// <summary>
    /// Signs the user in; sends a pending second-factor step (and, for an authenticator, <c>AuthenticatorUsed</c>), then
    /// <c>UserLoggedIn</c> once the cookie is issued, with the external login it came through, if any.
    /// </summary>
    /// <inheritdoc/>
    public override async Task SignInWithClaimsAsync(TUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var step = _pendingStep;
        _pendingStep = null;
        if (_refreshing)
        {
            await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims).ConfigureAwait(false);
            return;
        }

        if (step is not null)
        {
            await SendStepAsync(user, step).ConfigureAwait(false);
        }

        var socialLogin = await SocialLoginOfAsync(user, additionalClaims).ConfigureAwait(false);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims).ConfigureAwait(false);
        await _sender.Signals.SendAsync(new UserLoggedIn<TUser>(Context, user, Context.Response, socialLogin)).ConfigureAwait(false);
    }

    /// <summary>Re-issues the cookie (after a profile change, say): not a login, so nothing is sent.</summary>
    /// <inheritdoc/>
    public override async Task RefreshSignInAsync(TUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user).ConfigureAwait(false);
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>Sends <c>UserLoggedOut</c> with the signed-in user (null if it no longer exists), then clears the cookies.</summary>
    /// <inheritdoc/>
    public override async Task SignOutAsync()
    {
        var user = Context.User.Identity?.IsAuthenticated == true ? await UserManager.GetUserAsync(Context.User).ConfigureAwait(false) : null;
        await _sender.Signals.SendAsync(new UserLoggedOut<TUser>(Context, user)).ConfigureAwait(false);
        await base.SignOutAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Remembers how the user identified, for the password step's details; when no user has that name, sends
    /// <c>UserLoginFailed</c> (reason <see cref="LoginFailureReason.UnknownUser"/>) without looking for one again.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        _identifier = userName;
        _passwordChecked = false;
        try
        {
            var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure).ConfigureAwait(false);
            if (!result.Succeeded && !result.RequiresTwoFactor && !_passwordChecked)
            {
                await _sender.Signals.SendAsync(new UserLoginFailed<TUser>(Context, userName, null, LoginFailureReason.UnknownUser, false)).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _identifier = null;
        }
    }

    /// <summary>
    /// Checks the password. When it is right, sends <c>AuthenticationStepCompleted</c> (method <c>password</c>, with the
    /// user name signed in with, and the address when that is it) whatever follows; otherwise <c>UserLoginFailed</c>
    /// with why (wrong password, locked out, not allowed) and whether this attempt locked the account.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> CheckPasswordSignInAsync(TUser user, string password, bool lockoutOnFailure)
    {
        _passwordChecked = true;
        var lockedBefore = await IsLockedOutAsync(user).ConfigureAwait(false);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure).ConfigureAwait(false);

        // Identity signs in by user name: that is the identifier typed (the templates use the address as
        // user name), and the address is set too when it is the same one.
        var userName = _identifier ?? await UserManager.GetUserNameAsync(user).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var email = await UserManager.GetEmailAsync(user).ConfigureAwait(false);
            var byEmail = email is not null && string.Equals(userName, email, StringComparison.OrdinalIgnoreCase);

            // A log-in (PasswordSignInAsync) is never a reauthentication, even from a client still signed in as this
            // user: a new sign-in follows. Checking the signed-in user's password on its own is one.
            var reauthenticated = _identifier is null && await IsSignedInAsync(user).ConfigureAwait(false);
            var step = new PasswordStep(byEmail ? email : null, userName, reauthenticated);
            await SendStepAsync(user, step).ConfigureAwait(false);
        }
        else
        {
            // Identity checks whether the user may sign in, then the lockout, and only then the password.
            var reason = result.IsNotAllowed ? LoginFailureReason.NotAllowed
                : lockedBefore ? LoginFailureReason.LockedOut
                : LoginFailureReason.WrongPassword;
            await _sender.Signals.SendAsync(new UserLoginFailed<TUser>(Context, userName, user, reason, !lockedBefore && result.IsLockedOut)).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Second factor with an authenticator app: the <c>mfa</c> step (type <c>totp</c>) and <c>AuthenticatorUsed</c> are
    /// sent just before <c>UserLoggedIn</c>; a wrong code sends <c>AuthenticationFailed</c>, then <c>UserLoginFailed</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        await SecondFactorAsync(
            await GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false),
            new MfaStep(Id: null, MfaType.Totp, Reauthenticated: false, Passwordless: false),
            () => base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient)).ConfigureAwait(false);

    /// <summary>
    /// Second factor with a recovery code: the <c>mfa</c> step (type <c>recovery_codes</c>) and <c>AuthenticatorUsed</c>
    /// are sent just before <c>UserLoggedIn</c>; a wrong code sends <c>AuthenticationFailed</c>, then <c>UserLoginFailed</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        await SecondFactorAsync(
            await GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false),
            new MfaStep(Id: null, MfaType.RecoveryCodes, Reauthenticated: false, Passwordless: false),
            () => base.TwoFactorRecoveryCodeSignInAsync(recoveryCode)).ConfigureAwait(false);

    /// <summary>
    /// Second factor with a token provider: a code sent by e-mail or text message is the <c>code</c> step (a wrong one
    /// sends <c>LoginCodeRejected</c>), an authenticator app's the <c>mfa</c> step; then as the methods above.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false);
        AuthenticationStep step;
        if (provider == Options.Tokens.AuthenticatorTokenProvider)
        {
            step = new MfaStep(Id: null, MfaType.Totp, Reauthenticated: false, Passwordless: false);
        }
        else if (user is not null && provider == TokenOptions.DefaultPhoneProvider)
        {
            step = new CodeStep(Email: null, await UserManager.GetPhoneNumberAsync(user).ConfigureAwait(false));
        }
        else
        {
            step = new CodeStep(user is null ? null : await UserManager.GetEmailAsync(user).ConfigureAwait(false), Phone: null);
        }

        return await SecondFactorAsync(user, step, () => base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient)).ConfigureAwait(false);
    }

    /// <summary>Passkey sign-in: the <c>mfa</c> step (type <c>webauthn</c>, passwordless) and <c>AuthenticatorUsed</c> are sent just before <c>UserLoggedIn</c>.</summary>
    /// <inheritdoc/>
    public override Task<SignInResult> PasskeySignInAsync(string credentialJson) =>
        WithPendingStep(new MfaStep(Id: null, MfaType.Passkey, Reauthenticated: false, Passwordless: true), () => base.PasskeySignInAsync(credentialJson));

    /// <summary>Checks a passkey; a passkey sign-in's step takes the id of the passkey that passed.</summary>
    /// <inheritdoc/>
    public override async Task<PasskeyAssertionResult<TUser>> PerformPasskeyAssertionAsync(string credentialJson)
    {
        var result = await base.PerformPasskeyAssertionAsync(credentialJson).ConfigureAwait(false);
        if (result.Succeeded && _pendingStep is MfaStep { Type: MfaType.Passkey })
        {
            _passkeyUsed = result.Passkey;
        }

        return result;
    }

    private async Task<SignInResult> WithPendingStep(AuthenticationStep step, Func<Task<SignInResult>> signIn)
    {
        _pendingStep = step;
        try
        {
            return await signIn().ConfigureAwait(false);
        }
        finally
        {
            _pendingStep = null;
        }
    }

    /// <summary>
    /// Runs a second-factor sign-in with its step pending (sent just before <c>UserLoggedIn</c>). When it fails for the
    /// user who passed the password, sends what failed: <c>AuthenticationFailed</c> for an authenticator's code,
    /// <c>LoginCodeRejected</c> for a code sent by e-mail or text message, then <c>UserLoginFailed</c>.
    /// </summary>
    private async Task<SignInResult> SecondFactorAsync(TUser? user, AuthenticationStep step, Func<Task<SignInResult>> signIn)
    {
        var lockedBefore = user is not null && await IsLockedOutAsync(user).ConfigureAwait(false);
        var result = await WithPendingStep(step, signIn).ConfigureAwait(false);
        if (result.Succeeded || user is null)
        {
            return result;
        }

        var lockedNow = !lockedBefore && result.IsLockedOut;
        var reason = result.IsNotAllowed ? LoginFailureReason.NotAllowed
            : lockedBefore ? LoginFailureReason.LockedOut
            : LoginFailureReason.WrongSecondFactor;
        if (reason == LoginFailureReason.WrongSecondFactor)
        {
            if (step is MfaStep mfa && await AuthenticatorOfAsync(user, mfa).ConfigureAwait(false) is { } authenticator)
            {
                await _sender.Signals.SendAsync(new AuthenticationFailed<TUser>(Context, user, authenticator, false)).ConfigureAwait(false);
            }
            else if (step is CodeStep)
            {
                await _sender.Signals.SendAsync(new LoginCodeRejected<TUser>(Context, user, lockedNow)).ConfigureAwait(false);
            }
        }

        var userName = await UserManager.GetUserNameAsync(user).ConfigureAwait(false);
        await _sender.Signals.SendAsync(new UserLoginFailed<TUser>(Context, userName, user, reason, lockedNow)).ConfigureAwait(false);
        return result;
    }

    private async Task SendStepAsync(TUser user, AuthenticationStep step)
    {
        var authenticator = step is MfaStep mfa ? await AuthenticatorOfAsync(user, mfa).ConfigureAwait(false) : null;
        if (authenticator is not null)
        {
            step = ((MfaStep)step) with { Id = authenticator.Id };
        }

        await _sender.Signals.SendAsync(new AuthenticationStepCompleted<TUser>(Context, user, step.Method, step)).ConfigureAwait(false);
        if (authenticator is not null && step is MfaStep used)
        {
            await _sender.Signals.SendAsync(new AuthenticatorUsed<TUser>(Context, user, authenticator, used.Reauthenticated, used.Passwordless)).ConfigureAwait(false);
        }
    }

    /// <summary>The authenticator a second-factor step used: the app, the recovery codes, or the passkey that passed.</summary>
    private async Task<Authenticator?> AuthenticatorOfAsync(TUser user, MfaStep step) => step.Type switch
    {
        MfaType.Totp => await Authenticators.AppAsync(UserManager, user).ConfigureAwait(false),
        MfaType.RecoveryCodes => await Authenticators.RecoveryCodesAsync(UserManager, user).ConfigureAwait(false),
        _ => _passkeyUsed is { } passkey ? Authenticators.Passkey(passkey) : null,
    };

    private async Task<bool> IsLockedOutAsync(TUser user) =>
        UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user).ConfigureAwait(false);

    private async Task<bool> IsSignedInAsync(TUser user) =>
        Context.User.Identity?.IsAuthenticated == true
        && UserManager.GetUserId(Context.User) is { } signedIn
        && signedIn == await UserManager.GetUserIdAsync(user).ConfigureAwait(false);
}
