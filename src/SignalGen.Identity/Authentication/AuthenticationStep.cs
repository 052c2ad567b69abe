namespace SignalGen.Identity;

/// <summary>The values of <c>AuthenticationStepCompleted</c>'s <c>method</c> argument, as allauth spells them.</summary>
public static class AuthenticationMethods
{
    /// <summary>A password was checked.</summary>
    public const string Password = "password";

    /// <summary>A one-time code sent by e-mail or text message was entered.</summary>
    public const string Code = "code";

    /// <summary>A password reset link or code proved control of the address.</summary>
    public const string PasswordReset = "password_reset";

    /// <summary>A second factor (authenticator app, recovery code, passkey) was checked.</summary>
    public const string Mfa = "mfa";

    /// <summary>An external login provider authenticated the user.</summary>
    public const string SocialAccount = "socialaccount";
}

/// <summary>The kind of an <see cref="Authenticator"/>, and of the second factor of an <see cref="MfaStep"/>.</summary>
public enum MfaType
{
    /// <summary>A time-based code from an authenticator app (allauth's <c>totp</c>).</summary>
    Totp,

    /// <summary>A recovery code (allauth's <c>recovery_codes</c>).</summary>
    RecoveryCodes,

    /// <summary>A passkey or security key (allauth's <c>webauthn</c>).</summary>
    Passkey,
}

/// <summary>
/// The details of one completed authentication step: allauth's method-specific extras, typed. Match on
/// the derived records; <see cref="Method"/> holds the allauth method name.
/// </summary>
/// <param name="Method">One of <see cref="AuthenticationMethods"/>.</param>
public abstract record AuthenticationStep(string Method);

/// <summary>A password was checked.</summary>
/// <param name="Email">The user's address, when it is what they signed in with (the templates use the address as user name).</param>
/// <param name="Username">
/// The user name they signed in with: Identity's <c>PasswordSignInAsync</c> finds the user by user name, so this is the
/// identifier typed; the user's user name when the password was checked on a user found another way.
/// </param>
/// <param name="Reauthenticated">True when an already signed-in user confirmed their password again.</param>
public sealed record PasswordStep(string? Email, string? Username, bool Reauthenticated) : AuthenticationStep(AuthenticationMethods.Password);

/// <summary>A one-time code sent to the user was entered.</summary>
/// <param name="Email">The address the code was sent to, or null.</param>
/// <param name="Phone">The phone number the code was sent to, or null.</param>
public sealed record CodeStep(string? Email, string? Phone) : AuthenticationStep(AuthenticationMethods.Code);

/// <summary>A password reset proved control of an address or phone.</summary>
/// <param name="Email">The address the reset was sent to, or null.</param>
/// <param name="Phone">The phone number the reset was sent to, or null.</param>
public sealed record PasswordResetStep(string? Email, string? Phone) : AuthenticationStep(AuthenticationMethods.PasswordReset);

/// <summary>A second factor was checked.</summary>
/// <param name="Id">The id of the <see cref="Authenticator"/> that passed (<see cref="Authenticator.Id"/>); null when a second-factor provider of the app's own made the step.</param>
/// <param name="Type">The kind of factor.</param>
/// <param name="Reauthenticated">True when an already signed-in user confirmed it again.</param>
/// <param name="Passwordless">True when it was the only factor (a passkey sign-in).</param>
public sealed record MfaStep(string? Id, MfaType Type, bool Reauthenticated, bool Passwordless) : AuthenticationStep(AuthenticationMethods.Mfa);

/// <summary>An external login provider authenticated the user.</summary>
/// <param name="Provider">The provider's scheme name.</param>
/// <param name="Uid">The user's id at the provider.</param>
public sealed record SocialAccountStep(string Provider, string Uid) : AuthenticationStep(AuthenticationMethods.SocialAccount);
