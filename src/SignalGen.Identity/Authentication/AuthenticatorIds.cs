using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SignalGen.Identity;

/// <summary>
/// The ids of a user's authenticators, as allauth gives each authenticator one. Identity stores passkeys by
/// credential id, but keeps one authenticator-app key and one set of recovery codes per user with no id, so
/// theirs are made here: stable for as long as the authenticator is the same, and revealing nothing of it.
/// </summary>
internal static class AuthenticatorIds
{
    /// <summary>
    /// The authenticator app's id: it changes when the key is reset (a new authenticator, as allauth's would be).
    /// Made from a hash of the user's id and the key; the key cannot be recovered from it.
    /// </summary>
    /// <param name="userId">The user's Identity id.</param>
    /// <param name="authenticatorKey">The user's authenticator key (<c>UserManager.GetAuthenticatorKeyAsync</c>).</param>
    public static string Totp(string userId, string authenticatorKey) => "totp-" + Digest(userId + "\n" + authenticatorKey);

    /// <summary>The recovery codes' id: one per user, kept when new codes replace the old ones (allauth resets the same authenticator).</summary>
    /// <param name="userId">The user's Identity id.</param>
    public static string RecoveryCodes(string userId) => "recovery-codes-" + Digest(userId);

    /// <summary>A passkey's id: its WebAuthn credential id, base64url-encoded as browsers show it.</summary>
    /// <param name="credentialId">The credential id Identity stores (<c>UserPasskeyInfo.CredentialId</c>).</param>
    public static string Passkey(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    private static string Digest(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}
