using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using OtpNet;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Http;
using Xunit;
using static SignalGen.StockHosts.Tests.Flows.ExpectedSignal;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The flows of the API host: MapIdentityApi's endpoints with JSON, a cookie or a bearer token, and the docs' /logout.</summary>
public static class ApiFlows
{
    private const string Password = UiFlows.Password;
    private const string NewPassword = UiFlows.NewPassword;

    /// <summary>A code that decodes (the endpoints base64url-decode it) but is no token Identity made.</summary>
    private static readonly string WrongCode = WebEncoders.Base64UrlEncode("not-the-token"u8.ToArray());

    public static IEnumerable<FlowDefinition> All =>
    [
        new(HostKind.Api, "register-confirm-log-in-refresh-change-password-log-out", AccountAsync),
        new(HostKind.Api, "change-email", ChangeEmailAsync),
        new(HostKind.Api, "forgot-and-reset-password", ResetPasswordAsync),
        new(HostKind.Api, "resend-confirmation", ResendConfirmationAsync),
        new(HostKind.Api, "two-factor", TwoFactorAsync),
        new(HostKind.Api, "wrong-passwords-up-to-the-lockout-limit", LockoutAsync),
        new(HostKind.Api, "log-in-again-with-the-token-still-sent", LogInAgainAsync, InDocsTable: false),
    ];

    private static async Task<UserRef> RegisterAsync(FlowSession session, HttpBrowser api, string email)
    {
        var signals = await session.StepAsync(FlowRow.Register, api, () => CallAsync(session, api, HttpMethod.Post, "/register", new { email, password = Password }));
        var user = signals.UserOfFirst();
        Assert.Equal(new UserRef(user.Id, email, email), user);
        signals.Are(UserSignedUp(user), EmailConfirmationSent(new AddressRef(user.Id, email, Verified: false, Primary: true), signup: true));
        return user;
    }

    private static async Task ConfirmAsync(FlowSession session, HttpBrowser api, UserRef user, string? email = null)
    {
        var link = await session.MailAsync(email ?? user.Email, "ConfirmationLink");
        var signals = await session.StepAsync(email is null ? FlowRow.ConfirmEmail : FlowRow.ConfirmEmailChange, api, async () =>
        {
            var page = await api.GetAsync(new Uri(link), session.Cancellation);
            Assert.True(page.Status == HttpStatusCode.OK && page.Html.Contains("Thank you for confirming your email", StringComparison.Ordinal), $"GET {link}: {(int)page.Status} {page.Html}");
        });
        if (email is null)
        {
            signals.Are(EmailConfirmed(new AddressRef(user.Id, user.Email, Verified: true, Primary: true)));
        }
        else
        {
            // MapIdentityApi sets the user name to the new address after ChangeEmailAsync: still the old one when the signals are sent.
            signals.Are(
                EmailConfirmed(new AddressRef(user.Id, email, Verified: true, Primary: true)),
                EmailChanged(user with { Email = email }, new AddressRef(user.Id, user.Email, Verified: true, Primary: true), new AddressRef(user.Id, email, Verified: true, Primary: true)));
        }
    }

    /// <summary>POST /login for a bearer token (kept on <paramref name="api"/>): the password step, then UserLoggedIn.</summary>
    private static async Task BearerLogInAsync(FlowSession session, HttpBrowser api, UserRef user, string password = Password, bool sendToken = false)
    {
        (await session.StepAsync(FlowRow.LogInWithBearerToken, api, async () => api.BearerToken = await LogInAsync(session, api, user.Email, password, extra: null, sendToken)))
            .Are(PasswordStep(user, user.Email), UserLoggedIn(user));
    }

    private static async Task<(HttpBrowser Api, UserRef User)> SignedInUserAsync(FlowSession session, string hint)
    {
        var api = session.NewBrowser();
        var user = await RegisterAsync(session, api, FlowSession.NewEmail(hint));
        await ConfirmAsync(session, api, user);
        await BearerLogInAsync(session, api, user);
        return (api, user);
    }

    private static async Task AccountAsync(FlowSession session)
    {
        var (api, user) = await SignedInUserAsync(session, "account");
        var accessToken = api.BearerToken;
        (await session.StepAsync(FlowRow.FailedLogIn, api, async () =>
        {
            var failed = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = user.Email, password = "Wrong-password1!" }, session.Cancellation, withToken: false);
            Assert.True(failed.Status == HttpStatusCode.Unauthorized, failed.ToString());
        })).Are(UserLoginFailed(user.Email, user, "WrongPassword"));
        var nobody = FlowSession.NewEmail("nobody");
        (await session.StepAsync(FlowRow.FailedLogInUnknownUser, api, async () =>
        {
            var failed = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = nobody, password = Password }, session.Cancellation, withToken: false);
            Assert.True(failed.Status == HttpStatusCode.Unauthorized, failed.ToString());
        })).Are(UserLoginFailed(nobody, null, "UnknownUser"));

        (await session.StepAsync(FlowRow.RefreshToken, api, async () =>
        {
            var refreshed = await CallAsync(session, api, HttpMethod.Post, "/refresh", new { refreshToken = api.RefreshToken });
            api.BearerToken = (string)refreshed.Json!["accessToken"]!;
        })).Are();
        Assert.NotEqual(accessToken, api.BearerToken);

        (await session.StepAsync(FlowRow.ChangePassword, api, () => CallAsync(session, api, HttpMethod.Post, "/manage/info", new { oldPassword = Password, newPassword = NewPassword })))
            .Are(PasswordChanged(user));

        var cookies = session.NewBrowser();
        (await session.StepAsync(FlowRow.LogInWithPassword, cookies, () => CallAsync(session, cookies, HttpMethod.Post, "/login?useCookies=true", new { email = user.Email, password = NewPassword })))
            .Are(PasswordStep(user, user.Email), UserLoggedIn(user));
        (await session.StepAsync(FlowRow.LogOut, cookies, () => CallAsync(session, cookies, HttpMethod.Post, "/logout", new { })))
            .Are(UserLoggedOut(user));
    }

    private static async Task ChangeEmailAsync(FlowSession session)
    {
        var (api, user) = await SignedInUserAsync(session, "change-email");
        var newEmail = FlowSession.NewEmail("changed");
        (await session.StepAsync(FlowRow.ChangeEmail, api, () => CallAsync(session, api, HttpMethod.Post, "/manage/info", new { newEmail })))
            .Are(EmailConfirmationSent(new AddressRef(user.Id, newEmail, Verified: false, Primary: false), signup: false));
        await ConfirmAsync(session, api, user, newEmail);
        await BearerLogInAsync(session, api, new UserRef(user.Id, newEmail, newEmail));
    }

    /// <summary>
    /// A client that keeps sending its token, as a SPA with a default Authorization header does, logs in again: a
    /// log-in like any other (UserLoggedIn follows, a new token is issued), so its password step is no reauthentication.
    /// </summary>
    private static async Task LogInAgainAsync(FlowSession session)
    {
        var (api, user) = await SignedInUserAsync(session, "again");
        await BearerLogInAsync(session, api, user, sendToken: true);
    }

    private static async Task ResetPasswordAsync(FlowSession session)
    {
        var api = session.NewBrowser();
        var user = await RegisterAsync(session, api, FlowSession.NewEmail("reset"));
        await ConfirmAsync(session, api, user);
        (await session.StepAsync(FlowRow.ForgotPassword, api, () => CallAsync(session, api, HttpMethod.Post, "/forgotPassword", new { email = user.Email }))).Are();
        var resetCode = await session.MailAsync(user.Email, "PasswordResetCode");
        (await session.StepAsync(FlowRow.InvalidResetLink, api, async () =>
        {
            var refused = await api.SendJsonAsync(HttpMethod.Post, "/resetPassword", new { email = user.Email, resetCode = WrongCode, newPassword = NewPassword }, session.Cancellation);
            Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        })).Are(PasswordResetCodeRejected(user));
        (await session.StepAsync(FlowRow.ResetPassword, api, () => CallAsync(session, api, HttpMethod.Post, "/resetPassword", new { email = user.Email, resetCode, newPassword = NewPassword })))
            .Are(PasswordReset(user), PasswordResetStep(user, user.Email));
        await BearerLogInAsync(session, api, user, NewPassword);
    }

    private static async Task ResendConfirmationAsync(FlowSession session)
    {
        var api = session.NewBrowser();
        var user = await RegisterAsync(session, api, FlowSession.NewEmail("resend"));
        var first = new Uri(await session.MailAsync(user.Email, "ConfirmationLink"));
        (await session.StepAsync(FlowRow.InvalidConfirmationLink, api, async () =>
        {
            var query = QueryHelpers.ParseQuery(first.Query);
            var forged = QueryHelpers.AddQueryString(first.GetLeftPart(UriPartial.Path), new Dictionary<string, string?> { ["userId"] = query["userId"], ["code"] = WrongCode });
            var refused = await api.GetAsync(new Uri(forged), session.Cancellation);
            Assert.True(refused.Status == HttpStatusCode.Unauthorized, $"GET {forged}: {(int)refused.Status}");
        })).Are(EmailVerificationCodeRejected(user));
        (await session.StepAsync(FlowRow.ResendConfirmation, api, () => CallAsync(session, api, HttpMethod.Post, "/resendConfirmationEmail", new { email = user.Email })))
            .Are(EmailConfirmationSent(new AddressRef(user.Id, user.Email, Verified: false, Primary: true), signup: false));
        await ConfirmAsync(session, api, user);
    }

    private static async Task TwoFactorAsync(FlowSession session)
    {
        var (api, user) = await SignedInUserAsync(session, "two-factor");
        Totp totp = null!;
        string[] recoveryCodes = [];
        var enabled = await session.StepAsync(FlowRow.EnableTwoFactor, api, async () =>
        {
            var state = await CallAsync(session, api, HttpMethod.Post, "/manage/2fa", new { });
            totp = new Totp(Base32Encoding.ToBytes((string)state.Json!["sharedKey"]!));
            var response = await CallAsync(session, api, HttpMethod.Post, "/manage/2fa", new { enable = true, twoFactorCode = totp.ComputeTotp(DateTime.UtcNow) });
            Assert.True((bool)response.Json!["isTwoFactorEnabled"]!, response.ToString());
            recoveryCodes = response.Json!["recoveryCodes"]!.AsArray().Select(code => (string)code!).ToArray();
        });
        enabled.Are(AuthenticatorAdded(user, AuthenticatorRef.App()), AuthenticatorAdded(user, AuthenticatorRef.RecoveryCodes(10)));
        var app = AuthenticatorRef.App(enabled.AuthenticatorIdOf(0));
        var codesId = enabled.AuthenticatorIdOf(1);

        (await session.StepAsync(FlowRow.LogInWithPasswordTwoFactorOn, api, async () =>
        {
            var pending = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = user.Email, password = Password }, session.Cancellation, withToken: false);
            Assert.True(pending.Status == HttpStatusCode.Unauthorized && pending.Text.Contains("RequiresTwoFactor", StringComparison.Ordinal), pending.ToString());
        })).Are(PasswordStep(user, user.Email));

        // MapIdentityApi takes the password and the second factor in one request: both steps (or the failure), then the login.
        (await session.StepAsync(FlowRow.WrongAuthenticatorCode, api, async () =>
        {
            var refused = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = user.Email, password = Password, twoFactorCode = UiFlows.WrongCode(totp) }, session.Cancellation, withToken: false);
            Assert.True(refused.Status == HttpStatusCode.Unauthorized, refused.ToString());
        })).Are(PasswordStep(user, user.Email), AuthenticationFailed(user, app), UserLoginFailed(user.Email, user, "WrongSecondFactor"));
        (await session.StepAsync(FlowRow.LogInWithAuthenticatorCode, api, async () => api.BearerToken = await LogInAsync(session, api, user.Email, Password, ("twoFactorCode", totp.ComputeTotp(DateTime.UtcNow)))))
            .Are(PasswordStep(user, user.Email), MfaStep(user, "Totp", app.Id), AuthenticatorUsed(user, app), UserLoggedIn(user));
        (await session.StepAsync(FlowRow.LogInWithRecoveryCode, api, async () => api.BearerToken = await LogInAsync(session, api, user.Email, Password, ("twoFactorRecoveryCode", recoveryCodes[0]))))
            .Are(PasswordStep(user, user.Email), MfaStep(user, "RecoveryCodes", codesId), AuthenticatorUsed(user, AuthenticatorRef.RecoveryCodes(9, codesId)), UserLoggedIn(user));

        (await session.StepAsync(FlowRow.ResetRecoveryCodes, api, () => CallAsync(session, api, HttpMethod.Post, "/manage/2fa", new { resetRecoveryCodes = true })))
            .Are(AuthenticatorReset(user, AuthenticatorRef.RecoveryCodes(10, codesId)));
        (await session.StepAsync(FlowRow.DisableTwoFactor, api, () => CallAsync(session, api, HttpMethod.Post, "/manage/2fa", new { enable = false })))
            .Are(AuthenticatorRemoved(user, app), AuthenticatorRemoved(user, AuthenticatorRef.RecoveryCodes(10, codesId)));
        await BearerLogInAsync(session, api, user);
    }

    /// <summary>MapIdentityApi's /login counts failures (<c>lockoutOnFailure: true</c>): the fifth wrong password locks the account, and then the right one is refused.</summary>
    private static async Task LockoutAsync(FlowSession session)
    {
        var api = session.NewBrowser();
        var user = await RegisterAsync(session, api, FlowSession.NewEmail("lockout"));
        await ConfirmAsync(session, api, user);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await session.StepAsync(attempt < 5 ? FlowRow.FailedLogIn : FlowRow.FailedLogInAtTheLockoutLimit, api, async () =>
            {
                var failed = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = user.Email, password = "Wrong-password1!" }, session.Cancellation, withToken: false);
                Assert.True(failed.Status == HttpStatusCode.Unauthorized, failed.ToString());
            })).Are(UserLoginFailed(user.Email, user, "WrongPassword", lockedOut: attempt == 5));
        }

        (await session.StepAsync(FlowRow.LogInWhileLockedOut, api, async () =>
        {
            var refused = await api.SendJsonAsync(HttpMethod.Post, "/login", new { email = user.Email, password = Password }, session.Cancellation, withToken: false);
            Assert.True(refused.Status == HttpStatusCode.Unauthorized && refused.Text.Contains("LockedOut", StringComparison.Ordinal), refused.ToString());
        })).Are(UserLoginFailed(user.Email, user, "LockedOut"));
    }

    /// <summary>POST /login without cookies; returns the access token and keeps the refresh token for /refresh.</summary>
    private static async Task<string> LogInAsync(FlowSession session, HttpBrowser api, string email, string password, (string Name, string Value)? extra, bool sendToken = false)
    {
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = password };
        if (extra is { } field)
        {
            body[field.Name] = field.Value;
        }

        var tokens = await CallAsync(session, api, HttpMethod.Post, "/login", body, sendToken);
        api.RefreshToken = (string)tokens.Json!["refreshToken"]!;
        return (string)tokens.Json!["accessToken"]!;
    }

    /// <summary>An API call that must succeed (200).</summary>
    private static async Task<ApiResponse> CallAsync(FlowSession session, HttpBrowser api, HttpMethod method, string url, object body, bool withToken = true)
    {
        var response = await api.SendJsonAsync(method, url, body, session.Cancellation, withToken);
        Assert.True(response.Status == HttpStatusCode.OK, $"{session.Describe()}: {response}");
        return response;
    }
}
