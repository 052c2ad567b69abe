namespace SignalGen.Identity;

/// <summary>
/// One of a user's authenticators, as allauth's <c>Authenticator</c>: the authenticator app, the set of recovery
/// codes, or one passkey. It carries no secret: never the app's key, a code, or a passkey's public key.
/// </summary>
/// <param name="Type">What it is.</param>
/// <param name="Id">
/// Its id: a passkey's credential id (base64url); for the authenticator app, <c>totp-</c> and a hash of the user's id
/// and key (a new id when the key is reset); for recovery codes, <c>recovery-codes-</c> and a hash of the user's id
/// (kept when new codes replace the old).
/// </param>
/// <param name="Name">A passkey's name as the user gave it, or null.</param>
/// <param name="RecoveryCodesLeft">For recovery codes, how many are unused; null otherwise.</param>
public sealed record Authenticator(MfaType Type, string Id, string? Name = null, int? RecoveryCodesLeft = null);

/// <summary>Why a log-in attempt failed (<c>UserLoginFailed</c>).</summary>
public enum LoginFailureReason
{
    /// <summary>No user has the identifier typed.</summary>
    UnknownUser,

    /// <summary>The password was wrong.</summary>
    WrongPassword,

    /// <summary>The account was locked out before this attempt; the password was not checked.</summary>
    LockedOut,

    /// <summary>The account may not sign in yet (Identity's <c>IsNotAllowed</c>: typically an unconfirmed address); the password was not checked.</summary>
    NotAllowed,

    /// <summary>The password was right, and the second factor (authenticator app, recovery code, or a code sent by e-mail or text message) was wrong.</summary>
    WrongSecondFactor,
}
