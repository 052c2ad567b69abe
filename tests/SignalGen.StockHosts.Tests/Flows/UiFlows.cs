using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OtpNet;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Http;
using Xunit;
using static SignalGen.StockHosts.Tests.Flows.ExpectedSignal;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The flows of the two templates with pages (Razor Pages UI, Blazor components), written once against <see cref="AccountPages"/>.</summary>
public static class UiFlows
{
    public const string Password = "Pass-word1!";
    public const string NewPassword = "Pass-word2!";

    public static IEnumerable<FlowDefinition> For(HostKind host)
    {
        AccountPages pages = host == HostKind.Razor ? new RazorAccountPages() : new BlazorAccountPages();
        yield return new(host, "register-confirm-log-in-change-password-log-out", session => AccountAsync(session, pages));
        yield return new(host, "change-email", session => ChangeEmailAsync(session, pages));
        yield return new(host, "forgot-and-reset-password", session => ResetPasswordAsync(session, pages));
        yield return new(host, "resend-confirmation", session => ResendConfirmationAsync(session, pages));
        yield return new(host, "two-factor", session => TwoFactorAsync(session, pages));
        yield return new(host, "wrong-passwords-up-to-the-lockout-limit", session => LockoutAsync(session, pages));
        yield return new(host, "delete-account", session => DeleteAccountAsync(session, pages));
        yield return new(host, "external-sign-up-log-in-and-set-password", session => ExternalSignUpAsync(session, pages));
        yield return new(host, "connect-and-remove-external-login", session => ConnectExternalLoginAsync(session, pages));
        yield return new(host, "register-and-confirm-with-the-no-op-sender", session => NoOpSenderAsync(session, pages), CapturesMail: false);
    }

    /// <summary>Registers <paramref name="email"/>: UserSignedUp, then EmailConfirmationSent for the new, unverified primary address.</summary>
    public static async Task<UserRef> RegisterAsync(FlowSession session, AccountPages pages, HttpBrowser browser, string email)
    {
        var signals = await session.StepAsync(FlowRow.Register, browser, () => pages.RegisterAsync(browser, email, Password, session.Cancellation));
        var user = signals.UserOfFirst();
        Assert.Equal(new UserRef(user.Id, email, email), user);
        signals.Are(UserSignedUp(user), EmailConfirmationSent(new AddressRef(user.Id, email, Verified: false, Primary: true), signup: true));
        return user;
    }

    /// <summary>Follows the latest confirmation mail: EmailConfirmed for the now verified primary address.</summary>
    public static async Task ConfirmAsync(FlowSession session, AccountPages pages, HttpBrowser browser, UserRef user)
    {
        var link = await session.MailAsync(user.Email, pages.ConfirmationMail);
        (await session.StepAsync(FlowRow.ConfirmEmail, browser, () => pages.ConfirmAsync(browser, link, session.Cancellation)))
            .Are(EmailConfirmed(new AddressRef(user.Id, user.Email, Verified: true, Primary: true)));
    }

    public static async Task LogInAsync(FlowSession session, AccountPages pages, HttpBrowser browser, UserRef user, string password = Password)
    {
        (await session.StepAsync(FlowRow.LogInWithPassword, browser, () => pages.LogInAsync(browser, user.Email, password, session.Cancellation)))
            .Are(PasswordStep(user, user.Email), UserLoggedIn(user));
    }

    public static async Task LogOutAsync(FlowSession session, AccountPages pages, HttpBrowser browser, UserRef user) =>
        (await session.StepAsync(FlowRow.LogOut, browser, () => pages.LogOutAsync(browser, session.Cancellation))).Are(UserLoggedOut(user));

    /// <summary>A registered, confirmed and logged-in user of its own.</summary>
    public static async Task<(HttpBrowser Browser, UserRef User)> SignedInUserAsync(FlowSession session, AccountPages pages, string hint)
    {
        var browser = session.NewBrowser();
        var user = await RegisterAsync(session, pages, browser, FlowSession.NewEmail(hint));
        await ConfirmAsync(session, pages, browser, user);
        await LogInAsync(session, pages, browser, user);
        return (browser, user);
    }

    private static async Task AccountAsync(FlowSession session, AccountPages pages)
    {
        var browser = session.NewBrowser();
        var user = await RegisterAsync(session, pages, browser, FlowSession.NewEmail("account"));
        await ConfirmAsync(session, pages, browser, user);

        (await session.StepAsync(FlowRow.FailedLogIn, browser, () => pages.FailLogInAsync(browser, user.Email, "Wrong-password1!", session.Cancellation)))
            .Are(UserLoginFailed(user.Email, user, "WrongPassword"));
        var nobody = FlowSession.NewEmail("nobody");
        (await session.StepAsync(FlowRow.FailedLogInUnknownUser, browser, () => pages.FailLogInAsync(browser, nobody, Password, session.Cancellation)))
            .Are(UserLoginFailed(nobody, null, "UnknownUser"));
        await LogInAsync(session, pages, browser, user);
        (await session.StepAsync(FlowRow.ChangePassword, browser, () => pages.ChangePasswordAsync(browser, Password, NewPassword, session.Cancellation)))
            .Are(PasswordChanged(user));
        await LogOutAsync(session, pages, browser, user);
        await LogInAsync(session, pages, browser, user, NewPassword);
    }

    private static async Task ChangeEmailAsync(FlowSession session, AccountPages pages)
    {
        var (browser, user) = await SignedInUserAsync(session, pages, "change-email");
        var newEmail = FlowSession.NewEmail("changed");
        (await session.StepAsync(FlowRow.ChangeEmail, browser, () => pages.ChangeEmailAsync(browser, newEmail, session.Cancellation)))
            .Are(EmailConfirmationSent(new AddressRef(user.Id, newEmail, Verified: false, Primary: false), signup: false));

        // The templates set the user name to the new address after ChangeEmailAsync: when the signals are sent it is still the old one.
        var link = await session.MailAsync(newEmail, pages.ConfirmationMail);
        (await session.StepAsync(FlowRow.ConfirmEmailChange, browser, () => pages.ConfirmAsync(browser, link, session.Cancellation)))
            .Are(
                EmailConfirmed(new AddressRef(user.Id, newEmail, Verified: true, Primary: true)),
                EmailChanged(
                    user with { Email = newEmail },
                    new AddressRef(user.Id, user.Email, Verified: true, Primary: true),
                    new AddressRef(user.Id, newEmail, Verified: true, Primary: true)));

        var renamed = new UserRef(user.Id, newEmail, newEmail);
        await LogOutAsync(session, pages, browser, renamed);
        await LogInAsync(session, pages, browser, renamed);
    }

    private static async Task ResetPasswordAsync(FlowSession session, AccountPages pages)
    {
        var browser = session.NewBrowser();
        var user = await RegisterAsync(session, pages, browser, FlowSession.NewEmail("reset"));
        await ConfirmAsync(session, pages, browser, user);

        (await session.StepAsync(FlowRow.ForgotPassword, browser, () => pages.ForgotPasswordAsync(browser, user.Email, session.Cancellation))).Are();
        var link = new Uri(await session.MailAsync(user.Email, pages.ResetMail));
        (await session.StepAsync(FlowRow.InvalidResetLink, browser, () => pages.InvalidResetPasswordAsync(browser, link, user.Email, NewPassword, session.Cancellation)))
            .Are(PasswordResetCodeRejected(user));
        (await session.StepAsync(FlowRow.ResetPassword, browser, () => pages.ResetPasswordAsync(browser, link, user.Email, NewPassword, session.Cancellation)))
            .Are(PasswordReset(user), PasswordResetStep(user, user.Email));
        await LogInAsync(session, pages, browser, user, NewPassword);
    }

    private static async Task ResendConfirmationAsync(FlowSession session, AccountPages pages)
    {
        var browser = session.NewBrowser();
        var user = await RegisterAsync(session, pages, browser, FlowSession.NewEmail("resend"));
        var first = await session.MailAsync(user.Email, pages.ConfirmationMail);
        (await session.StepAsync(FlowRow.InvalidConfirmationLink, browser, () => pages.InvalidConfirmationAsync(browser, first, session.Cancellation)))
            .Are(EmailVerificationCodeRejected(user));

        (await session.StepAsync(FlowRow.ResendConfirmation, browser, () => pages.ResendConfirmationAsync(browser, user.Email, session.Cancellation)))
            .Are(EmailConfirmationSent(new AddressRef(user.Id, user.Email, Verified: false, Primary: true), signup: false));
        await ConfirmAsync(session, pages, browser, user);
    }

    private static async Task TwoFactorAsync(FlowSession session, AccountPages pages)
    {
        var (browser, user) = await SignedInUserAsync(session, pages, "two-factor");
        Totp? totp = null;
        string CodeFor(string key) => (totp = new Totp(Base32Encoding.ToBytes(key))).ComputeTotp(DateTime.UtcNow);
        IReadOnlyList<string> recoveryCodes = [];

        // On: the app, then the first ten recovery codes (the templates make them right after), as allauth adds both.
        var enabled = await session.StepAsync(FlowRow.EnableTwoFactor, browser, async () => recoveryCodes = (await pages.EnableAuthenticatorAsync(browser, CodeFor, session.Cancellation)).RecoveryCodes);
        enabled.Are(AuthenticatorAdded(user, AuthenticatorRef.App()), AuthenticatorAdded(user, AuthenticatorRef.RecoveryCodes(10)));
        var app = AuthenticatorRef.App(enabled.AuthenticatorIdOf(0));
        var codesId = enabled.AuthenticatorIdOf(1);

        await LogOutAsync(session, pages, browser, user);
        var twoFactorPage = await PasswordWithTwoFactorOnAsync(session, pages, browser, user);
        (await session.StepAsync(FlowRow.WrongAuthenticatorCode, browser, async () => twoFactorPage = await pages.WrongAuthenticatorCodeAsync(browser, twoFactorPage, WrongCode(totp!), session.Cancellation)))
            .Are(AuthenticationFailed(user, app), UserLoginFailed(user.Email, user, "WrongSecondFactor"));
        (await session.StepAsync(FlowRow.LogInWithAuthenticatorCode, browser, () => pages.AuthenticatorCodeAsync(browser, twoFactorPage, totp!.ComputeTotp(DateTime.UtcNow), session.Cancellation)))
            .Are(MfaStep(user, "Totp", app.Id), AuthenticatorUsed(user, app), UserLoggedIn(user));

        await LogOutAsync(session, pages, browser, user);
        twoFactorPage = await PasswordWithTwoFactorOnAsync(session, pages, browser, user);
        (await session.StepAsync(FlowRow.LogInWithRecoveryCode, browser, () => pages.RecoveryCodeAsync(browser, twoFactorPage, recoveryCodes[0], session.Cancellation)))
            .Are(MfaStep(user, "RecoveryCodes", codesId), AuthenticatorUsed(user, AuthenticatorRef.RecoveryCodes(9, codesId)), UserLoggedIn(user));

        // New codes reset the same authenticator; off removes both.
        (await session.StepAsync(FlowRow.ResetRecoveryCodes, browser, () => pages.ResetRecoveryCodesAsync(browser, session.Cancellation)))
            .Are(AuthenticatorReset(user, AuthenticatorRef.RecoveryCodes(10, codesId)));
        (await session.StepAsync(FlowRow.DisableTwoFactor, browser, () => pages.DisableTwoFactorAsync(browser, session.Cancellation)))
            .Are(AuthenticatorRemoved(user, app), AuthenticatorRemoved(user, AuthenticatorRef.RecoveryCodes(10, codesId)));
        await LogOutAsync(session, pages, browser, user);
        await LogInAsync(session, pages, browser, user);
    }

    /// <summary>
    /// Five wrong passwords, then the right one. The templates' login pages pass <c>lockoutOnFailure: false</c> (their
    /// comment says to change it to count failures), so the account does not lock: the fifth failure says so, and the
    /// right password logs in.
    /// </summary>
    private static async Task LockoutAsync(FlowSession session, AccountPages pages)
    {
        var browser = session.NewBrowser();
        var user = await RegisterAsync(session, pages, browser, FlowSession.NewEmail("lockout"));
        await ConfirmAsync(session, pages, browser, user);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await session.StepAsync(attempt < 5 ? FlowRow.FailedLogIn : FlowRow.FailedLogInAtTheLockoutLimit, browser, () => pages.FailLogInAsync(browser, user.Email, "Wrong-password1!", session.Cancellation)))
                .Are(UserLoginFailed(user.Email, user, "WrongPassword", lockedOut: false));
        }

        (await session.StepAsync(FlowRow.LogInWhileLockedOut, browser, () => pages.LogInAsync(browser, user.Email, Password, session.Cancellation)))
            .Are(PasswordStep(user, user.Email), UserLoggedIn(user));
    }

    private static async Task<HtmlPage> PasswordWithTwoFactorOnAsync(FlowSession session, AccountPages pages, HttpBrowser browser, UserRef user)
    {
        HtmlPage twoFactorPage = null!;
        (await session.StepAsync(FlowRow.LogInWithPasswordTwoFactorOn, browser, async () => twoFactorPage = await pages.LogInAsync(browser, user.Email, Password, session.Cancellation)))
            .Are(PasswordStep(user, user.Email));
        return twoFactorPage;
    }

    /// <summary>A code the app does not show at any time step near now (Identity accepts a few either side), so never right by chance.</summary>
    public static string WrongCode(Totp totp)
    {
        var nearby = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => !nearby.Contains(code));
    }

    /// <summary>The templates delete the user, then sign out: the session's user no longer exists, so UserLoggedOut carries none.</summary>
    private static async Task DeleteAccountAsync(FlowSession session, AccountPages pages)
    {
        var (browser, _) = await SignedInUserAsync(session, pages, "delete");
        (await session.StepAsync(FlowRow.DeleteAccount, browser, () => pages.DeleteAccountAsync(browser, Password, session.Cancellation)))
            .Are(UserLoggedOut(null));
    }

    /// <summary>
    /// The template's own no-op sender sends nothing anywhere, and its RegisterConfirmation page makes a new token on
    /// the GET to show the link instead: the register POST sends EmailConfirmationSent, the page's GET nothing.
    /// </summary>
    private static async Task NoOpSenderAsync(FlowSession session, AccountPages pages)
    {
        var browser = session.NewBrowser();
        var email = FlowSession.NewEmail("no-op-sender");
        HtmlPage confirmation = null!;
        var signals = await session.StepAsync(FlowRow.RegisterWithNoOpSender, browser, async () => confirmation = await pages.RegisterAsync(browser, email, Password, session.Cancellation));
        var user = signals.UserOfFirst();
        signals.Are(UserSignedUp(user), EmailConfirmationSent(new AddressRef(user.Id, email, Verified: false, Primary: true), signup: true));

        var link = confirmation.Link("Click here to confirm your account");
        (await session.StepAsync(FlowRow.ConfirmEmail, browser, () => pages.ConfirmAsync(browser, link.ToString(), session.Cancellation)))
            .Are(EmailConfirmed(new AddressRef(user.Id, email, Verified: true, Primary: true)));
        await LogInAsync(session, pages, browser, user);
    }

    private static async Task ExternalSignUpAsync(FlowSession session, AccountPages pages)
    {
        var account = NewExternalAccount("external");
        var browser = session.NewBrowser();
        HtmlPage callback = null!;
        (await session.StepAsync(FlowRow.ExternalSignUpCallback, browser, async () => callback = await pages.ExternalLogInAsync(browser, account, session.Cancellation)))
            .Are(PreSocialLogin(account, userId: null, isExisting: false));

        var signals = await session.StepAsync(FlowRow.ExternalSignUpRegister, browser, () => pages.ExternalRegisterAsync(browser, callback, account.Email, session.Cancellation));
        var user = signals.UserOfFirst();
        Assert.Equal(new UserRef(user.Id, account.Email, account.Email), user);
        signals.Are(UserSignedUp(user, account), EmailConfirmationSent(new AddressRef(user.Id, account.Email, Verified: false, Primary: true), signup: true));
        await ConfirmAsync(session, pages, browser, user);

        var later = session.NewBrowser();
        (await session.StepAsync(FlowRow.ExternalLogIn, later, () => pages.ExternalLogInAsync(later, account, session.Cancellation)))
            .Are(SocialAccountUpdated(account, user.Id), PreSocialLogin(account, user.Id, isExisting: true), SocialAccountStep(user, account), UserLoggedIn(user, account));

        // The account has no password yet: setting one is PasswordSet, and it logs in with it after.
        (await session.StepAsync(FlowRow.SetPassword, later, () => pages.SetPasswordAsync(later, Password, session.Cancellation))).Are(PasswordSet(user));
        await LogOutAsync(session, pages, later, user);
        await LogInAsync(session, pages, later, user);
    }

    private static async Task ConnectExternalLoginAsync(FlowSession session, AccountPages pages)
    {
        var (browser, user) = await SignedInUserAsync(session, pages, "connect");
        var account = NewExternalAccount("connected");
        (await session.StepAsync(FlowRow.ConnectExternalLogin, browser, () => pages.ConnectExternalLoginAsync(browser, account, session.Cancellation)))
            .Are(PreSocialLogin(account, user.Id, isExisting: false), SocialAccountAdded(account, user.Id));
        (await session.StepAsync(FlowRow.RemoveExternalLogin, browser, () => pages.RemoveExternalLoginAsync(browser, account, session.Cancellation)))
            .Are(SocialAccountRemoved(account, user.Id));
    }

    private static ExternalAccount NewExternalAccount(string hint)
    {
        var email = FlowSession.NewEmail(hint);
        return new ExternalAccount("uid-" + Guid.NewGuid().ToString("N")[..12], email, "Test " + hint);
    }
}
