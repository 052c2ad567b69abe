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
        var result = await _addresses.CreateUserAsync(this, user, () => base.CreateAsync(user), CancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result;
        }

        var userId = await GetUserIdAsync(user).ConfigureAwait(false);
        if (_sender.Request is { } request)
        {
            if (CurrentExternalLogin.Of(request) is not null)
            {
                // An external signup: UserSignedUp waits for the page to connect the login (AddLoginAsync), so it can
                // carry it, as allauth's does; if the page never does, it goes out when the request ends.
                AfterRequestSignals.Add(request, SignupKey(userId), onlyOnSuccess: false, () => _sender.Signals.SendAsync(new UserSignedUp<TUser>(request, user, null), CancellationToken));
            }
            else
            {
                await _sender.Signals.SendAsync(new UserSignedUp<TUser>(request, user, null), CancellationToken).ConfigureAwait(false);
            }
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
    public override async Task<IdentityResult> AddPasswordAsync(TUser user, string password)
    {
        var result = await base.AddPasswordAsync(user, password).ConfigureAwait(false);
        if (result.Succeeded && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new PasswordSet<TUser>(request, user), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Changes the password; on success sends <c>PasswordChanged</c>.</summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ChangePasswordAsync(TUser user, string currentPassword, string newPassword)
    {
        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        if (result.Succeeded && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new PasswordChanged<TUser>(request, user), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Resets the password with a reset token; on success sends <c>PasswordReset</c>, then
    /// <c>AuthenticationStepCompleted</c> (method <c>password_reset</c>): the token proved control of the address. A refused
    /// token sends <c>PasswordResetCodeRejected</c>.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ResetPasswordAsync(TUser user, string token, string newPassword)
    {
        var result = await base.ResetPasswordAsync(user, token, newPassword).ConfigureAwait(false);
        if (IsInvalidToken(result) && _sender.Request is { } refused)
        {
            await _sender.Signals.SendAsync(new PasswordResetCodeRejected<TUser>(refused, user, false), CancellationToken).ConfigureAwait(false);
        }

        if (result.Succeeded && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new PasswordReset<TUser>(request, user), CancellationToken).ConfigureAwait(false);
            var step = new PasswordResetStep(await GetEmailAsync(user).ConfigureAwait(false), Phone: null);
            await _sender.Signals.SendAsync(new AuthenticationStepCompleted<TUser>(request, user, step.Method, step), CancellationToken).ConfigureAwait(false);
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
        var result = await base.ConfirmEmailAsync(user, token).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await SendIfTokenRejectedAsync(result, user).ConfigureAwait(false);
            return result;
        }

        var primary = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false));
        if (primary is not null && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailConfirmed(request, primary.ToEmailAddress()), CancellationToken).ConfigureAwait(false);
        }

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
        var result = await base.ChangeEmailAsync(user, newEmail, token).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await SendIfTokenRejectedAsync(result, user).ConfigureAwait(false);
            return result;
        }

        var after = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(this, user, CancellationToken).ConfigureAwait(false));
        if (after is not null && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailConfirmed(request, after.ToEmailAddress()), CancellationToken).ConfigureAwait(false);
            if (before is null || !string.Equals(NormalizeEmail(before.Email), after.NormalizedEmail, StringComparison.Ordinal))
            {
                await _sender.Signals.SendAsync(new EmailChanged<TUser>(request, user, before, after.ToEmailAddress()), CancellationToken).ConfigureAwait(false);
            }
        }

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

        var result = await base.RemoveLoginAsync(user, loginProvider, providerKey).ConfigureAwait(false);
        if (result.Succeeded && _sender.Request is { } request)
        {
            var account = new SocialAccount(loginProvider, providerKey, displayName, await GetUserIdAsync(user).ConfigureAwait(false), SocialLogins.NoExtraData);
            await _sender.Signals.SendAsync(new SocialAccountRemoved(request, account), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static string SignupKey(string userId) => "signup:" + userId;

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
