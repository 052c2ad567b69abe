using System.Text.Json.Nodes;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>A user as the journal renders it.</summary>
public sealed record UserRef(string Id, string UserName, string Email);

/// <summary>An EmailAddress argument as the journal renders it.</summary>
public sealed record AddressRef(string UserId, string Email, bool Verified, bool Primary);

/// <summary>
/// An Authenticator argument as the journal renders it. Its id is SignalGen.Identity's (a passkey's is its credential
/// id); <see cref="ExpectedSignal.NonEmpty"/> where a test first meets it.
/// </summary>
public sealed record AuthenticatorRef(string Type, string Id, string? Name = null, int? RecoveryCodesLeft = null)
{
    public static AuthenticatorRef App(string id = ExpectedSignal.NonEmpty) => new("Totp", id);

    public static AuthenticatorRef RecoveryCodes(int left, string id = ExpectedSignal.NonEmpty) => new("RecoveryCodes", id, RecoveryCodesLeft: left);

    public static AuthenticatorRef Passkey(string credentialId, string? name = null) => new("Passkey", credentialId, name);
}

/// <summary>An account at the test OAuth provider.</summary>
public sealed record ExternalAccount(string Uid, string Email, string Name)
{
    public const string Provider = "TestOAuth";
    public const string ProviderDisplayName = "Test OAuth";
}

/// <summary>
/// The journal lines a step must have written, one builder per signal, with the arguments SignalGen.Identity must
/// send. Two placeholders stand for values a test cannot know in advance: <see cref="NonEmpty"/> (any non-empty
/// string) and <see cref="Recent"/> (a time during the step).
/// </summary>
public static class ExpectedSignal
{
    public const string NonEmpty = "{non-empty}";
    public const string Recent = "{recent}";

    public static JsonObject UserSignedUp(UserRef user) => Signal("UserSignedUp", new() { ["user"] = User(user), ["socialLogin"] = null });

    /// <summary>An external signup's UserSignedUp: sent once the page connected the login, which it carries.</summary>
    public static JsonObject UserSignedUp(UserRef user, ExternalAccount account) =>
        Signal("UserSignedUp", new() { ["user"] = User(user), ["socialLogin"] = SocialLogin(account, user.Id, isExisting: true) });

    /// <summary>UserLoggedIn, with the request's own response, and the external login it came through, if any.</summary>
    public static JsonObject UserLoggedIn(UserRef user, ExternalAccount? account = null) => Signal("UserLoggedIn", new()
    {
        ["user"] = User(user),
        ["responseIsTheRequests"] = true,
        ["socialLogin"] = account is null ? null : SocialLogin(account, user.Id, isExisting: true),
    });

    public static JsonObject UserLoginFailed(string identifier, UserRef? user, string reason, bool lockedOut = false) => Signal("UserLoginFailed", new()
    {
        ["identifier"] = identifier,
        ["user"] = user is null ? null : User(user),
        ["reason"] = reason,
        ["lockedOut"] = lockedOut,
    });

    public static JsonObject PasswordResetCodeRejected(UserRef user) =>
        Signal("PasswordResetCodeRejected", new() { ["user"] = User(user), ["lastAttempt"] = false });

    public static JsonObject EmailVerificationCodeRejected(UserRef user) =>
        Signal("EmailVerificationCodeRejected", new() { ["user"] = User(user), ["lastAttempt"] = false });

    public static JsonObject AuthenticatorAdded(UserRef user, AuthenticatorRef authenticator) =>
        Signal("AuthenticatorAdded", new() { ["user"] = User(user), ["authenticator"] = Authenticator(authenticator) });

    public static JsonObject AuthenticatorRemoved(UserRef user, AuthenticatorRef authenticator) =>
        Signal("AuthenticatorRemoved", new() { ["user"] = User(user), ["authenticator"] = Authenticator(authenticator) });

    public static JsonObject AuthenticatorReset(UserRef user, AuthenticatorRef authenticator) =>
        Signal("AuthenticatorReset", new() { ["user"] = User(user), ["authenticator"] = Authenticator(authenticator) });

    public static JsonObject AuthenticatorUsed(UserRef user, AuthenticatorRef authenticator, bool passwordless = false) => Signal("AuthenticatorUsed", new()
    {
        ["user"] = User(user),
        ["authenticator"] = Authenticator(authenticator),
        ["reauthenticated"] = false,
        ["passwordless"] = passwordless,
    });

    public static JsonObject AuthenticationFailed(UserRef user, AuthenticatorRef authenticator) => Signal("AuthenticationFailed", new()
    {
        ["user"] = User(user),
        ["authenticator"] = Authenticator(authenticator),
        ["reauthentication"] = false,
    });

    public static JsonObject UserLoggedOut(UserRef? user) => Signal("UserLoggedOut", new() { ["user"] = user is null ? null : User(user) });

    public static JsonObject PasswordSet(UserRef user) => Signal("PasswordSet", new() { ["user"] = User(user) });

    public static JsonObject PasswordChanged(UserRef user) => Signal("PasswordChanged", new() { ["user"] = User(user) });

    public static JsonObject PasswordReset(UserRef user) => Signal("PasswordReset", new() { ["user"] = User(user) });

    public static JsonObject EmailConfirmed(AddressRef address) => Signal("EmailConfirmed", new() { ["emailAddress"] = Address(address) });

    public static JsonObject EmailConfirmationSent(AddressRef address, bool signup) => Signal("EmailConfirmationSent", new()
    {
        ["confirmation"] = new JsonObject { ["emailAddress"] = Address(address), ["sent"] = Recent },
        ["signup"] = signup,
    });

    public static JsonObject EmailChanged(UserRef user, AddressRef? from, AddressRef to) => Signal("EmailChanged", new()
    {
        ["user"] = User(user),
        ["fromEmailAddress"] = from is null ? null : Address(from),
        ["toEmailAddress"] = Address(to),
    });

    /// <summary>A password step: the address and the user name the user typed (the same in these templates).</summary>
    public static JsonObject PasswordStep(UserRef user, string typed) =>
        Step(user, "password", "PasswordStep", new() { ["email"] = typed, ["username"] = typed, ["reauthenticated"] = false });

    /// <summary>A second factor: the authenticator's id is not known to the test, only that there is one.</summary>
    public static JsonObject MfaStep(UserRef user, string type, string id = NonEmpty, bool passwordless = false) =>
        Step(user, "mfa", "MfaStep", new() { ["id"] = id, ["type"] = type, ["reauthenticated"] = false, ["passwordless"] = passwordless });

    public static JsonObject PasswordResetStep(UserRef user, string email) =>
        Step(user, "password_reset", "PasswordResetStep", new() { ["email"] = email, ["phone"] = null });

    public static JsonObject SocialAccountStep(UserRef user, ExternalAccount account) =>
        Step(user, "socialaccount", "SocialAccountStep", new() { ["provider"] = ExternalAccount.Provider, ["uid"] = account.Uid });

    public static JsonObject PreSocialLogin(ExternalAccount account, string? userId, bool isExisting) =>
        Signal("PreSocialLogin", new() { ["socialLogin"] = SocialLogin(account, userId, isExisting) });

    public static JsonObject SocialAccountAdded(ExternalAccount account, string userId) =>
        Signal("SocialAccountAdded", new() { ["socialLogin"] = SocialLogin(account, userId, isExisting: true) });

    public static JsonObject SocialAccountUpdated(ExternalAccount account, string userId) =>
        Signal("SocialAccountUpdated", new() { ["socialLogin"] = SocialLogin(account, userId, isExisting: true) });

    /// <summary>The removed login, as Identity stored it: no profile data then.</summary>
    public static JsonObject SocialAccountRemoved(ExternalAccount account, string userId) =>
        Signal("SocialAccountRemoved", new() { ["socialAccount"] = Account(account, userId, new JsonObject()) });

    private static JsonObject Signal(string name, JsonObject args) => new() { ["signal"] = name, ["args"] = args };

    private static JsonObject Step(UserRef user, string method, string type, JsonObject fields) => Signal("AuthenticationStepCompleted", new()
    {
        ["user"] = User(user),
        ["method"] = method,
        ["step"] = new JsonObject { ["type"] = type, ["method"] = method, ["fields"] = fields },
    });

    private static JsonObject Authenticator(AuthenticatorRef authenticator) => new()
    {
        ["type"] = authenticator.Type,
        ["id"] = authenticator.Id,
        ["name"] = authenticator.Name,
        ["recoveryCodesLeft"] = authenticator.RecoveryCodesLeft,
    };

    private static JsonObject User(UserRef user) => new() { ["id"] = user.Id, ["userName"] = user.UserName, ["email"] = user.Email };

    private static JsonObject Address(AddressRef address) =>
        new() { ["userId"] = address.UserId, ["email"] = address.Email, ["verified"] = address.Verified, ["primary"] = address.Primary };

    /// <summary>The login the test OAuth provider vouched for: its claims, the tokens the handler saved, its address.</summary>
    private static JsonObject SocialLogin(ExternalAccount account, string? userId, bool isExisting) => new()
    {
        ["account"] = Account(account, userId, new JsonObject
        {
            ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"] = account.Email,
            ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"] = account.Name,
            ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"] = account.Uid,
        }),
        ["tokens"] = new JsonArray("access_token", "refresh_token", "token_type", "expires_at"),
        ["emailAddresses"] = new JsonArray(account.Email),
        ["isExisting"] = isExisting,
    };

    private static JsonObject Account(ExternalAccount account, string? userId, JsonObject extraData) => new()
    {
        ["provider"] = ExternalAccount.Provider,
        ["uid"] = account.Uid,
        ["providerDisplayName"] = ExternalAccount.ProviderDisplayName,
        ["userId"] = userId,
        ["extraData"] = extraData,
    };
}
