using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using SignalGen;
using SignalGen.Identity;

namespace StockHosts;

/// <summary>
/// A receiver for every signal of SignalGen.Identity's catalogue, each writing the signal's name and its arguments
/// rendered to plain values into the journal. StockHostUser is the app's own user type (a global alias per app).
/// </summary>
public sealed class SignalJournalReceivers(IHttpContextAccessor accessor)
{
    [Receiver(Signal.UserLoggedIn)]
    public static void UserLoggedIn(HttpContext request, StockHostUser user, HttpResponse response, SocialLogin? socialLogin) =>
        Write(request, "UserLoggedIn", new JsonObject
        {
            ["user"] = User(user),
            ["responseIsTheRequests"] = ReferenceEquals(response, request.Response),
            ["socialLogin"] = socialLogin is null ? null : Social(socialLogin),
        });

    [Receiver(Signal.UserLoggedOut)]
    public static void UserLoggedOut(HttpContext request, StockHostUser? user) =>
        Write(request, "UserLoggedOut", new JsonObject { ["user"] = user is null ? null : User(user) });

    [Receiver(Signal.UserSignedUp)]
    public static void UserSignedUp(HttpContext request, StockHostUser user, SocialLogin? socialLogin) =>
        Write(request, "UserSignedUp", new JsonObject { ["user"] = User(user), ["socialLogin"] = socialLogin is null ? null : Social(socialLogin) });

    [Receiver(Signal.UserLoginFailed)]
    public static void UserLoginFailed(HttpContext request, string? identifier, StockHostUser? user, LoginFailureReason reason, bool lockedOut) =>
        Write(request, "UserLoginFailed", new JsonObject
        {
            ["identifier"] = identifier,
            ["user"] = user is null ? null : User(user),
            ["reason"] = reason.ToString(),
            ["lockedOut"] = lockedOut,
        });

    [Receiver(Signal.LoginCodeRejected)]
    public static void LoginCodeRejected(HttpContext request, StockHostUser user, bool lastAttempt) =>
        Write(request, "LoginCodeRejected", new JsonObject { ["user"] = User(user), ["lastAttempt"] = lastAttempt });

    [Receiver(Signal.PasswordResetCodeRejected)]
    public static void PasswordResetCodeRejected(HttpContext request, StockHostUser user, bool lastAttempt) =>
        Write(request, "PasswordResetCodeRejected", new JsonObject { ["user"] = User(user), ["lastAttempt"] = lastAttempt });

    [Receiver(Signal.EmailVerificationCodeRejected)]
    public static void EmailVerificationCodeRejected(HttpContext request, StockHostUser user, bool lastAttempt) =>
        Write(request, "EmailVerificationCodeRejected", new JsonObject { ["user"] = User(user), ["lastAttempt"] = lastAttempt });

    [Receiver(Signal.AuthenticatorAdded)]
    public static void AuthenticatorAdded(HttpContext request, StockHostUser user, Authenticator authenticator) =>
        Write(request, "AuthenticatorAdded", new JsonObject { ["user"] = User(user), ["authenticator"] = AuthenticatorOf(authenticator) });

    [Receiver(Signal.AuthenticatorRemoved)]
    public static void AuthenticatorRemoved(HttpContext request, StockHostUser user, Authenticator authenticator) =>
        Write(request, "AuthenticatorRemoved", new JsonObject { ["user"] = User(user), ["authenticator"] = AuthenticatorOf(authenticator) });

    [Receiver(Signal.AuthenticatorReset)]
    public static void AuthenticatorReset(HttpContext request, StockHostUser user, Authenticator authenticator) =>
        Write(request, "AuthenticatorReset", new JsonObject { ["user"] = User(user), ["authenticator"] = AuthenticatorOf(authenticator) });

    [Receiver(Signal.AuthenticatorUsed)]
    public static void AuthenticatorUsed(HttpContext request, StockHostUser user, Authenticator authenticator, bool reauthenticated, bool passwordless) =>
        Write(request, "AuthenticatorUsed", new JsonObject
        {
            ["user"] = User(user),
            ["authenticator"] = AuthenticatorOf(authenticator),
            ["reauthenticated"] = reauthenticated,
            ["passwordless"] = passwordless,
        });

    [Receiver(Signal.AuthenticationFailed)]
    public static void AuthenticationFailed(HttpContext request, StockHostUser user, Authenticator authenticator, bool reauthentication) =>
        Write(request, "AuthenticationFailed", new JsonObject
        {
            ["user"] = User(user),
            ["authenticator"] = AuthenticatorOf(authenticator),
            ["reauthentication"] = reauthentication,
        });

    [Receiver(Signal.PasswordSet)]
    public static void PasswordSet(HttpContext request, StockHostUser user) =>
        Write(request, "PasswordSet", new JsonObject { ["user"] = User(user) });

    [Receiver(Signal.PasswordChanged)]
    public static void PasswordChanged(HttpContext request, StockHostUser user) =>
        Write(request, "PasswordChanged", new JsonObject { ["user"] = User(user) });

    [Receiver(Signal.PasswordReset)]
    public static void PasswordReset(HttpContext request, StockHostUser user) =>
        Write(request, "PasswordReset", new JsonObject { ["user"] = User(user) });

    [Receiver(Signal.EmailConfirmed)]
    public static void EmailConfirmed(HttpContext request, EmailAddress emailAddress) =>
        Write(request, "EmailConfirmed", new JsonObject { ["emailAddress"] = Address(emailAddress) });

    [Receiver(Signal.EmailConfirmationSent)]
    public static void EmailConfirmationSent(HttpContext request, EmailConfirmation confirmation, bool signup) =>
        Write(request, "EmailConfirmationSent", new JsonObject
        {
            ["confirmation"] = new JsonObject
            {
                ["emailAddress"] = Address(confirmation.EmailAddress),
                ["sent"] = confirmation.Sent.ToString("O"),
            },
            ["signup"] = signup,
        });

    [Receiver(Signal.EmailChanged)]
    public static void EmailChanged(HttpContext request, StockHostUser user, EmailAddress? fromEmailAddress, EmailAddress toEmailAddress) =>
        Write(request, "EmailChanged", new JsonObject
        {
            ["user"] = User(user),
            ["fromEmailAddress"] = fromEmailAddress is null ? null : Address(fromEmailAddress),
            ["toEmailAddress"] = Address(toEmailAddress),
        });

    [Receiver(Signal.EmailAdded)]
    public static void EmailAdded(HttpContext request, StockHostUser user, EmailAddress emailAddress) =>
        Write(request, "EmailAdded", new JsonObject { ["user"] = User(user), ["emailAddress"] = Address(emailAddress) });

    [Receiver(Signal.EmailRemoved)]
    public static void EmailRemoved(HttpContext request, StockHostUser user, EmailAddress emailAddress) =>
        Write(request, "EmailRemoved", new JsonObject { ["user"] = User(user), ["emailAddress"] = Address(emailAddress) });

    [Receiver(Signal.AuthenticationStepCompleted)]
    public static void AuthenticationStepCompleted(HttpContext request, StockHostUser user, string method, AuthenticationStep step)
    {
        var details = (JsonObject)JsonSerializer.SerializeToNode(step, step.GetType(), StockHostJournal.Json)!;
        details.Remove("method");
        Write(request, "AuthenticationStepCompleted", new JsonObject
        {
            ["user"] = User(user),
            ["method"] = method,
            ["step"] = new JsonObject { ["type"] = step.GetType().Name, ["method"] = step.Method, ["fields"] = details },
        });
    }

    // AddEmail is internal to SignalGen.Identity (SGEN0108); the journal receives it all the same, to see whether it is sent.
#pragma warning disable SGEN0108
    [Receiver(Signal.AddEmail)]
    public void AddEmail(string email, StockHostUser user) =>
        StockHostJournal.Append("STOCKHOSTS_JOURNAL", StockHostJournal.TagOf(accessor.HttpContext), new JsonObject
        {
            ["signal"] = "AddEmail",
            ["args"] = new JsonObject { ["email"] = email, ["user"] = User(user) },
        });
#pragma warning restore SGEN0108

    [Receiver(Signal.PreSocialLogin)]
    public static void PreSocialLogin(HttpContext request, SocialLogin socialLogin) =>
        Write(request, "PreSocialLogin", new JsonObject { ["socialLogin"] = Social(socialLogin) });

    [Receiver(Signal.SocialAccountAdded)]
    public static void SocialAccountAdded(HttpContext request, SocialLogin socialLogin) =>
        Write(request, "SocialAccountAdded", new JsonObject { ["socialLogin"] = Social(socialLogin) });

    [Receiver(Signal.SocialAccountUpdated)]
    public static void SocialAccountUpdated(HttpContext request, SocialLogin socialLogin) =>
        Write(request, "SocialAccountUpdated", new JsonObject { ["socialLogin"] = Social(socialLogin) });

    [Receiver(Signal.SocialAccountRemoved)]
    public static void SocialAccountRemoved(HttpContext request, SocialAccount socialAccount) =>
        Write(request, "SocialAccountRemoved", new JsonObject { ["socialAccount"] = Account(socialAccount) });

    private static void Write(HttpContext request, string signal, JsonObject args) =>
        StockHostJournal.Append("STOCKHOSTS_JOURNAL", StockHostJournal.TagOf(request), new JsonObject { ["signal"] = signal, ["args"] = args });

    private static JsonObject User(IdentityUser user) =>
        new() { ["id"] = user.Id, ["userName"] = user.UserName, ["email"] = user.Email };

    private static JsonObject Address(EmailAddress address) =>
        new() { ["userId"] = address.UserId, ["email"] = address.Email, ["verified"] = address.Verified, ["primary"] = address.Primary };

    private static JsonObject Account(SocialAccount account) => new()
    {
        ["provider"] = account.Provider,
        ["uid"] = account.Uid,
        ["providerDisplayName"] = account.ProviderDisplayName,
        ["userId"] = account.UserId,
        ["extraData"] = new JsonObject(account.ExtraData.OrderBy(pair => pair.Key).Select(pair => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(pair.Key, pair.Value))),
    };

    private static JsonObject AuthenticatorOf(Authenticator authenticator) => new()
    {
        ["type"] = authenticator.Type.ToString(),
        ["id"] = authenticator.Id,
        ["name"] = authenticator.Name,
        ["recoveryCodesLeft"] = authenticator.RecoveryCodesLeft,
    };

    private static JsonObject Social(SocialLogin login) => new()
    {
        ["account"] = Account(login.Account),
        ["tokens"] = new JsonArray(login.TokenNames.Select(name => (JsonNode?)name).ToArray()),
        ["emailAddresses"] = new JsonArray(login.EmailAddresses.Select(email => (JsonNode?)email).ToArray()),
        ["isExisting"] = login.IsExisting,
    };
}
