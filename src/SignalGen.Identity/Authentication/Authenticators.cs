using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace SignalGen.Identity;

/// <summary>
/// Reads a user's authenticators from Identity, as the MFA signals carry them, with the ids allauth gives each
/// authenticator. Identity stores passkeys by credential id, but keeps one authenticator-app key and one set of
/// recovery codes per user with no id, so theirs are made here: stable for as long as the authenticator is the same,
/// and revealing nothing of it.
/// </summary>
internal static class Authenticators
{
    /// <summary>The authenticator app, when the user has a key.</summary>
    public static async Task<Authenticator?> AppAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class =>
        users.SupportsUserAuthenticatorKey && await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is { Length: > 0 } key
            ? new Authenticator(MfaType.Totp, TotpId(await users.GetUserIdAsync(user).ConfigureAwait(false), key))
            : null;

    /// <summary>The recovery codes, with how many are left (none, after the last one was used).</summary>
    public static async Task<Authenticator> RecoveryCodesAsync<TUser>(UserManager<TUser> users, TUser user)
        where TUser : class =>
        new(
            MfaType.RecoveryCodes,
            RecoveryCodesId(await users.GetUserIdAsync(user).ConfigureAwait(false)),
            RecoveryCodesLeft: users.SupportsUserTwoFactorRecoveryCodes ? await users.CountRecoveryCodesAsync(user).ConfigureAwait(false) : 0);

    /// <summary>A passkey, by the name the user gave it.</summary>
    public static Authenticator Passkey(UserPasskeyInfo passkey) => new(MfaType.Passkey, PasskeyId(passkey.CredentialId), passkey.Name);

    /// <summary>New when the key is reset (a new authenticator, as allauth's would be); the key cannot be recovered from it.</summary>
    private static string TotpId(string userId, string authenticatorKey) => "totp-" + Digest(userId + "\n" + authenticatorKey);

    /// <summary>One per user, kept when new codes replace the old ones (allauth resets the same authenticator).</summary>
    private static string RecoveryCodesId(string userId) => "recovery-codes-" + Digest(userId);

    /// <summary>The WebAuthn credential id, base64url-encoded as browsers show it.</summary>
    private static string PasskeyId(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    private static string Digest(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}
