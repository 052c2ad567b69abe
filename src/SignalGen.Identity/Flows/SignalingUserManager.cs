using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SignalGen.Identity;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/>, sending the catalogue's signals when its operations
/// succeed in a request: signup, password set, change and reset, e-mail confirmation and change, and
/// connecting or disconnecting an external login. Registered by <c>AddSignals&lt;TContext&gt;()</c> in
/// place of the default manager, so Identity's own pages and endpoints send them too.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public partial class SignalingUserManager<TUser> : UserManager<TUser>
    where TUser : class
{
    private readonly IdentitySignalSender<TUser> _sender;
    private readonly UserEmailAddresses<TUser> _addresses;
    private readonly TimeProvider _time;

    /// <summary>Created by dependency injection.</summary>
    /// <param name="store">The user store.</param>
    /// <param name="optionsAccessor">Identity's options.</param>
    /// <param name="passwordHasher">The password hasher.</param>
    /// <param name="userValidators">The user validators.</param>
    /// <param name="passwordValidators">The password validators.</param>
    /// <param name="keyNormalizer">The normalizer of names and addresses.</param>
    /// <param name="errors">The error describer.</param>
    /// <param name="services">The request's services, from which instance receivers are resolved.</param>
    /// <param name="logger">The logger.</param>
    public SignalingUserManager(
        IUserStore<TUser> store,
        IOptions<IdentityOptions> optionsAccessor,
        IPasswordHasher<TUser> passwordHasher,
        IEnumerable<IUserValidator<TUser>> userValidators,
        IEnumerable<IPasswordValidator<TUser>> passwordValidators,
        ILookupNormalizer keyNormalizer,
        IdentityErrorDescriber errors,
        IServiceProvider services,
        ILogger<UserManager<TUser>> logger)
        : base(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
    {
        _sender = new IdentitySignalSender<TUser>(services, (IHttpContextAccessor)services.GetService(typeof(IHttpContextAccessor))!);
        _addresses = (UserEmailAddresses<TUser>)services.GetService(typeof(UserEmailAddresses<TUser>))!;
        _time = (TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates the user and records its address as its primary one, in one transaction (a failure leaves neither
    /// row); on success sends <c>UserSignedUp</c> (for an external signup, once the page connected the login). Fails
    /// before writing anything when the address table is missing.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> CreateAsync(TUser user)
    {
        var request = _sender.Request;
        var external = request is not null && CurrentExternalLogin.Of(request) is not null;
        var signal = request is null ? default : new UserSignedUp<TUser>(request, user, null);

        // A direct signup's durable receivers are staged with the user row; an external signup's wait for AddLoginAsync.
        Func<Task>? stage = request is not null && !external && Signals<TUser>.HasDurableReceivers(Signal.UserSignedUp)
            ? async () => await _sender.Signals.StageDurableAsync(signal, CancellationToken).ConfigureAwait(false)
            : null;
        var result = await _addresses.CreateUserAsync(this, user, () => base.CreateAsync(user), stage, CancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || request is null)
        {
            return result;
        }

        var userId = await GetUserIdAsync(user).ConfigureAwait(false);
        if (external)
        {
            // An external signup: UserSignedUp waits for the page to connect the login (AddLoginAsync), so it can
            // carry it, as allauth's does; if the page never does, it goes out when the request ends.
            AfterRequestSignals.Add(request, SignupKey(userId), onlyOnSuccess: false, () => _sender.Signals.SendAsync(signal, CancellationToken));
        }
        else
        {
            await _sender.Signals.SendInProcessAsync(signal, CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Makes the token of a confirmation message for the user's address; <c>EmailConfirmationSent</c> follows once the request that sends it completed.</summary>
    /// <inheritdoc/>
    public override async Task<string> GenerateEmailConfirmationTokenAsync(TUser user)
    {
        var token = await base.GenerateEmailConfirmationTokenAsync(user).ConfigureAwait(false);
        await ExpectConfirmationMailAsync(user, await GetEmailAsync(user).ConfigureAwait(false)).ConfigureAwait(false);
        return token;
    }

    /// <summary>Makes the token of a message confirming a new address; <c>EmailConfirmationSent</c> follows once the request that sends it completed.</summary>
    /// <inheritdoc/>
    public override async Task<string> GenerateChangeEmailTokenAsync(TUser user, string newEmail)
    {
        var token = await base.GenerateChangeEmailTokenAsync(user, newEmail).ConfigureAwait(false);
        await ExpectConfirmationMailAsync(user, newEmail).ConfigureAwait(false);
        return token;
    }

    /// <summary>Adds a first password; on success sends <c>PasswordSet</c>.</summary>
    /// <inheritdoc/>
    public override Task<IdentityResult> AddPasswordAsync(TUser user, string password) =>
        RunAsync(() => base.AddPasswordAsync(user, password), [Signal.PasswordSet], signals =>
        {
            if (_sender.Request is { } request)
            {
                signals.Add(new PasswordSet<TUser>(request, user), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
            }

            return Task.CompletedTask;
        });

    /// <summary>Changes the password; on success sends <c>PasswordChanged</c>.</summary>
    /// <inheritdoc/>
    public override Task<IdentityResult> ChangePasswordAsync(TUser user, string currentPassword, string newPassword) =>
        RunAsync(() => base.ChangePasswordAsync(user, currentPassword, newPassword), [Signal.PasswordChanged], signals =>
        {
            if (_sender.Request is { } request)
            {
                signals.Add(new PasswordChanged<TUser>(request, user), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Resets the password with a reset token; on success sends <c>PasswordReset</c>, then
    /// <c>AuthenticationStepCompleted</c> (method <c>password_reset</c>): the token proved control of the address. A refused
    /// token sends <c>PasswordResetCodeRejected</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ResetPasswordAsync(TUser user, string token, string newPassword)
    {
        var result = await RunAsync(() => base.ResetPasswordAsync(user, token, newPassword), [Signal.PasswordReset, Signal.AuthenticationStepCompleted], async signals =>
        {
            if (_sender.Request is { } request)
            {
                signals.Add(new PasswordReset<TUser>(request, user), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
                var step = new PasswordResetStep(await GetEmailAsync(user).ConfigureAwait(false), Phone: null);
                signals.Add(new AuthenticationStepCompleted<TUser>(request, user, step.Method, step), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
            }
        }).ConfigureAwait(false);
        if (IsInvalidToken(result) && _sender.Request is { } refused)
        {
            await _sender.Signals.SendAsync(new PasswordResetCodeRejected<TUser>(refused, user, false), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Confirms the primary address with Identity's token; on success marks it verified and sends <c>EmailConfirmed</c>.
    /// A refused token sends <c>EmailVerificationCodeRejected</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ConfirmEmailAsync(TUser user, string token)
    {
        await _addresses.EnsureTableAsync(CancellationToken).ConfigureAwait(false);
        var result = await RunAsync(() => base.ConfirmEmailAsync(user, token), [Signal.EmailConfirmed], async signals =>
        {
            var primary = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false));
            if (primary is not null && _sender.Request is { } request)
            {
                signals.Add(new EmailConfirmed(request, primary.ToEmailAddress()), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
            }
        }).ConfigureAwait(false);
        await SendIfTokenRejectedAsync(result, user).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Changes the primary address with Identity's change token (the new address is verified by it); on
    /// success sends <c>EmailConfirmed</c> for the new address, then <c>EmailChanged</c>. The old address stays, as a secondary one.
    /// A refused token sends <c>EmailVerificationCodeRejected</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ChangeEmailAsync(TUser user, string newEmail, string token)
    {
        await _addresses.EnsureTableAsync(CancellationToken).ConfigureAwait(false);
        var before = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false))?.ToEmailAddress();
        var result = await RunAsync(() => base.ChangeEmailAsync(user, newEmail, token), [Signal.EmailConfirmed, Signal.EmailChanged], async signals =>
        {
            var after = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false));
            if (after is not null && _sender.Request is { } request)
            {
                signals.Add(new EmailConfirmed(request, after.ToEmailAddress()), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
                if (before is null || !string.Equals(NormalizeEmail(before.Email), after.NormalizedEmail, StringComparison.Ordinal))
                {
                    signals.Add(new EmailChanged<TUser>(request, user, before, after.ToEmailAddress()), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
                }
            }
        }).ConfigureAwait(false);
        await SendIfTokenRejectedAsync(result, user).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Connects an external login and stores the tokens the provider issued (as allauth does). Given Identity's
    /// <see cref="ExternalLoginInfo"/> for a user that existed before this request, sends <c>PreSocialLogin</c> first and
    /// <c>SocialAccountAdded</c> on success; for a user created in this request (external signup), <c>PreSocialLogin</c>
    /// was sent with the login attempt, and <c>UserSignedUp</c>, carrying the login, follows the connection.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> AddLoginAsync(TUser user, UserLoginInfo login)
    {
        var userId = await GetUserIdAsync(user).ConfigureAwait(false);
        var external = login as ExternalLoginInfo;
        var isSignup = _addresses.WasCreatedInThisScope(userId);
        var request = _sender.Request;
        SocialLogin? socialLogin = null;
        if (external is not null && !isSignup && request is not null)
        {
            socialLogin = SocialLogins.From(external, userId, isExisting: false);
            await _sender.Signals.SendAsync(new PreSocialLogin(request, socialLogin), CancellationToken).ConfigureAwait(false);
        }

        var result = await base.AddLoginAsync(user, login).ConfigureAwait(false);
        if (!result.Succeeded || external is null)
        {
            return result;
        }

        foreach (var token in external.AuthenticationTokens ?? [])
        {
            await SetAuthenticationTokenAsync(user, external.LoginProvider, token.Name, token.Value).ConfigureAwait(false);
        }

        if (request is null)
        {
            return result;
        }

        if (isSignup)
        {
            AfterRequestSignals.Remove(request, SignupKey(userId));
            await _sender.Signals.SendAsync(new UserSignedUp<TUser>(request, user, SocialLogins.From(external, userId, isExisting: true)), CancellationToken).ConfigureAwait(false);
        }
        else if (socialLogin is not null)
        {
            await _sender.Signals.SendAsync(new SocialAccountAdded(request, socialLogin with { IsExisting = true }), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Disconnects an external login; on success sends <c>SocialAccountRemoved</c>.</summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> RemoveLoginAsync(TUser user, string loginProvider, string providerKey)
    {
        string? displayName = null;
        foreach (var login in await GetLoginsAsync(user).ConfigureAwait(false))
        {
            if (login.LoginProvider == loginProvider && login.ProviderKey == providerKey)
            {
                displayName = login.ProviderDisplayName;
            }
        }

        return await RunAsync(() => base.RemoveLoginAsync(user, loginProvider, providerKey), [Signal.SocialAccountRemoved], async signals =>
        {
            if (_sender.Request is { } request)
            {
                var account = new SocialAccount(loginProvider, providerKey, displayName, await GetUserIdAsync(user).ConfigureAwait(false), SocialLogins.NoExtraData);
                signals.Add(new SocialAccountRemoved(request, account), _sender.Signals.StageDurableAsync, _sender.Signals.SendInProcessAsync);
            }
        }).ConfigureAwait(false);
    }

    private static string SignupKey(string userId) => "signup:" + userId;

    /// <summary>
    /// Runs an operation that changes the user and, when it succeeds, sends what <paramref name="plan"/> adds: when the
    /// application has durable receivers of one of <paramref name="kinds"/>, their messages are staged in the operation's
    /// transaction (they commit with its change or not at all); the other receivers run after the commit.
    /// </summary>
    private Task<IdentityResult> RunAsync(Func<Task<IdentityResult>> operation, Signal[] kinds, Func<OperationSignals, Task> plan) =>
        _addresses.RunAsync(operation, plan, Array.Exists(kinds, Signals<TUser>.HasDurableReceivers), CancellationToken);


    private bool IsInvalidToken(IdentityResult result) =>
        !result.Succeeded && result.Errors.Any(error => error.Code == ErrorDescriber.InvalidToken().Code);

    private async Task SendIfTokenRejectedAsync(IdentityResult result, TUser user)
    {
        if (IsInvalidToken(result) && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailVerificationCodeRejected<TUser>(request, user, false), CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Notes that the request is sending a confirmation message to <paramref name="email"/>: the signal carries the
    /// address as it stands when the request completed (the new address of a change is not yet the user's: neither
    /// verified nor primary) and says whether the user signed up in this request.
    /// </summary>
    private async Task ExpectConfirmationMailAsync(TUser user, string? email)
    {
        if (email is null || _sender.Request is not { } request || !AfterRequestSignals.IsMailingRequest(request))
        {
            return;
        }

        var userId = await GetUserIdAsync(user).ConfigureAwait(false);
        var signup = _addresses.WasCreatedInThisScope(userId);
        var sent = _time.GetUtcNow();
        var normalized = NormalizeEmail(email);
        AfterRequestSignals.Add(request, "confirmation:" + normalized, onlyOnSuccess: true, async () =>
        {
            var address = (await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false)).Find(row => row.NormalizedEmail == normalized)?.ToEmailAddress()
                ?? new EmailAddress(userId, email, Verified: false, Primary: false);
            await _sender.Signals.SendAsync(new EmailConfirmationSent(request, new EmailConfirmation(address, sent), signup), CancellationToken).ConfigureAwait(false);
        });
    }
}
