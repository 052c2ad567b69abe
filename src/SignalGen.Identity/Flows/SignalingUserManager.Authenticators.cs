using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;

namespace SignalGen.Identity;

/// <summary>
/// The user's authenticators, as allauth's MFA signals see them. Identity keeps one authenticator-app key and one
/// set of recovery codes per user, usable only while two-factor authentication is on, and passkeys on their own:
/// so the app and the recovery codes are active authenticators while two-factor authentication is on (the codes
/// while any are left), and a passkey from when it is saved until it is removed. The signals report changes of that.
/// </summary>
public partial class SignalingUserManager<TUser>
{
    /// <summary>
    /// Turns two-factor authentication on or off. On sends <c>AuthenticatorAdded</c> for the authenticator app and the
    /// recovery codes the user has; off sends <c>AuthenticatorRemoved</c> for them. Nothing when it was already so.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> SetTwoFactorEnabledAsync(TUser user, bool enabled)
    {
        var wasEnabled = await GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        var result = await base.SetTwoFactorEnabledAsync(user, enabled).ConfigureAwait(false);
        if (result.Succeeded && wasEnabled != enabled && _sender.Request is { } request)
        {
            foreach (var authenticator in await SecondFactorsAsync(user).ConfigureAwait(false))
            {
                await (enabled
                    ? _sender.Signals.SendAsync(new AuthenticatorAdded<TUser>(request, user, authenticator), CancellationToken)
                    : _sender.Signals.SendAsync(new AuthenticatorRemoved<TUser>(request, user, authenticator), CancellationToken)).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>
    /// Gives the user a new authenticator-app key. While two-factor authentication is on, the old app is removed
    /// (<c>AuthenticatorRemoved</c>) and the new one added (<c>AuthenticatorAdded</c>); the templates turn it off first.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(TUser user)
    {
        var enabled = await GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        var before = enabled ? await Authenticators.AppAsync(this, user).ConfigureAwait(false) : null;
        var result = await base.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (result.Succeeded && enabled && _sender.Request is { } request)
        {
            if (before is not null)
            {
                await _sender.Signals.SendAsync(new AuthenticatorRemoved<TUser>(request, user, before), CancellationToken).ConfigureAwait(false);
            }

            if (await Authenticators.AppAsync(this, user).ConfigureAwait(false) is { } after)
            {
                await _sender.Signals.SendAsync(new AuthenticatorAdded<TUser>(request, user, after), CancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>
    /// Makes new recovery codes. While two-factor authentication is on: <c>AuthenticatorReset</c> when they replace
    /// codes the user had, <c>AuthenticatorAdded</c> when the user had none left (the templates make the first codes
    /// right after turning it on, as allauth does).
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(TUser user, int number)
    {
        var enabled = await GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        var replaced = enabled && await CountRecoveryCodesAsync(user).ConfigureAwait(false) > 0;
        var codes = await base.GenerateNewTwoFactorRecoveryCodesAsync(user, number).ConfigureAwait(false);
        if (codes is not null && enabled && _sender.Request is { } request)
        {
            var authenticator = await Authenticators.RecoveryCodesAsync(this, user).ConfigureAwait(false);
            await (replaced
                ? _sender.Signals.SendAsync(new AuthenticatorReset<TUser>(request, user, authenticator), CancellationToken)
                : _sender.Signals.SendAsync(new AuthenticatorAdded<TUser>(request, user, authenticator), CancellationToken)).ConfigureAwait(false);
        }

        return codes;
    }

    /// <summary>
    /// Saves a passkey. A new credential sends <c>AuthenticatorAdded</c>; saving one the user has (a rename, or the
    /// sign count every passkey sign-in updates) sends nothing.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> AddOrUpdatePasskeyAsync(TUser user, UserPasskeyInfo passkey)
    {
        var isNew = passkey is not null && await GetPasskeyAsync(user, passkey.CredentialId).ConfigureAwait(false) is null;
        var result = await base.AddOrUpdatePasskeyAsync(user, passkey!).ConfigureAwait(false);
        if (result.Succeeded && isNew && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new AuthenticatorAdded<TUser>(request, user, Authenticators.Passkey(passkey!)), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Removes a passkey; on success sends <c>AuthenticatorRemoved</c>.</summary>
    /// <inheritdoc/>
    public override async Task<IdentityResult> RemovePasskeyAsync(TUser user, byte[] credentialId)
    {
        var passkey = credentialId is null ? null : await GetPasskeyAsync(user, credentialId).ConfigureAwait(false);
        var result = await base.RemovePasskeyAsync(user, credentialId!).ConfigureAwait(false);
        if (result.Succeeded && passkey is not null && _sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new AuthenticatorRemoved<TUser>(request, user, Authenticators.Passkey(passkey)), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<List<Authenticator>> SecondFactorsAsync(TUser user)
    {
        var factors = new List<Authenticator>();
        if (await Authenticators.AppAsync(this, user).ConfigureAwait(false) is { } app)
        {
            factors.Add(app);
        }

        if (await Authenticators.RecoveryCodesAsync(this, user).ConfigureAwait(false) is { RecoveryCodesLeft: > 0 } codes)
        {
            factors.Add(codes);
        }

        return factors;
    }
}
