using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Http;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The Blazor template's account components under /Account: static server-rendered forms, named by _handler.</summary>
public sealed class BlazorAccountPages : AccountPages
{
    private const string Account = "/Account/";

    public override string ConfirmationMail => "ConfirmationLink";

    public override string ResetMail => "PasswordResetLink";

    public override async Task<HtmlPage> RegisterAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Register", cancellationToken);
        var done = await browser.SubmitAsync(page.BlazorForm("register"), Values(("Input.Email", email), ("Input.Password", password), ("Input.ConfirmPassword", password)), null, cancellationToken);
        return Expect(done, "Register confirmation");
    }

    public override async Task<HtmlPage> LogInAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        var done = await browser.SubmitAsync(page.BlazorForm("login"), Values(("Input.Email", email), ("Input.Password", password)), null, cancellationToken);
        return done.Url.AbsolutePath.StartsWith(Account + "LoginWith2fa", StringComparison.Ordinal) ? Expect(done, "Two-factor authentication") : Expect(done, "Logout");
    }

    public override async Task<HtmlPage> FailLogInAsync(HttpBrowser browser, string email, string wrongPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("login"), Values(("Input.Email", email), ("Input.Password", wrongPassword)), null, cancellationToken), "Invalid login attempt");
    }

    protected override string SignedInText => "Logout";

    protected override async Task<HtmlPage> SubmitAuthenticatorCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken) =>
        await browser.SubmitAsync(twoFactorPage.BlazorForm("login-with-2fa"), Values(("Input.TwoFactorCode", code)), null, cancellationToken);

    public override async Task<HtmlPage> RecoveryCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(twoFactorPage.Link("log in with a recovery code"), cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("login-with-recovery-code"), Values(("Input.RecoveryCode", code)), null, cancellationToken), "Logout");
    }

    public override async Task<HtmlPage> LogOutAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync("/", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormPostingTo(Account + "Logout"), Values(), null, cancellationToken), "Login");
    }

    public override async Task<HtmlPage> ChangePasswordAsync(HttpBrowser browser, string oldPassword, string newPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ChangePassword", cancellationToken);
        var done = await browser.SubmitAsync(page.BlazorForm("change-password"), Values(("Input.OldPassword", oldPassword), ("Input.NewPassword", newPassword), ("Input.ConfirmPassword", newPassword)), null, cancellationToken);
        return Expect(done, "Your password has been changed");
    }

    public override async Task<HtmlPage> ChangeEmailAsync(HttpBrowser browser, string newEmail, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/Email", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("change-email"), Values(("Input.NewEmail", newEmail)), null, cancellationToken), "Confirmation link to change email sent");
    }

    public override async Task<HtmlPage> ForgotPasswordAsync(HttpBrowser browser, string email, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "ForgotPassword", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("forgot-password"), Values(("Input.Email", email)), null, cancellationToken), "Please check your email to reset your password");
    }

    protected override async Task<HtmlPage> SubmitResetPasswordAsync(HttpBrowser browser, Uri link, string email, string newPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(link, cancellationToken);
        return await browser.SubmitAsync(page.BlazorForm("reset-password"), Values(("Input.Email", email), ("Input.Password", newPassword), ("Input.ConfirmPassword", newPassword)), null, cancellationToken);
    }

    public override async Task<HtmlPage> ResendConfirmationAsync(HttpBrowser browser, string email, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "ResendEmailConfirmation", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("resend-email-confirmation"), Values(("Input.Email", email)), null, cancellationToken), "Verification email sent");
    }

    public override async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(HttpBrowser browser, Func<string, string> codeFor, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/EnableAuthenticator", cancellationToken);
        var key = AuthenticatorKey(page);
        var done = await browser.SubmitAsync(page.BlazorForm("send-code"), Values(("Input.Code", codeFor(key))), null, cancellationToken);
        return (key, RecoveryCodes(Expect(done, "Your authenticator app has been verified")));
    }

    public override async Task<IReadOnlyList<string>> ResetRecoveryCodesAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/GenerateRecoveryCodes", cancellationToken);
        return RecoveryCodes(Expect(await browser.SubmitAsync(page.BlazorForm("generate-recovery-codes"), Values(), null, cancellationToken), "You have generated new recovery codes"));
    }

    public override async Task<HtmlPage> DisableTwoFactorAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/Disable2fa", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("disable-2fa"), Values(), null, cancellationToken), "2fa has been disabled");
    }

    public override async Task<HtmlPage> DeleteAccountAsync(HttpBrowser browser, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/DeletePersonalData", cancellationToken);
        return Expect(await browser.SubmitAsync(page.BlazorForm("delete-user"), Values(("Input.Password", password)), null, cancellationToken), "Log in");
    }

    public override async Task<HtmlPage> ExternalLogInAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        return await ThroughProviderAsync(browser, page.FormPostingTo(Account + "PerformExternalLogin"), account, cancellationToken);
    }

    public override async Task<HtmlPage> ExternalRegisterAsync(HttpBrowser browser, HtmlPage callbackPage, string email, CancellationToken cancellationToken)
    {
        Expect(callbackPage, "You've successfully authenticated with");
        var done = await browser.SubmitAsync(callbackPage.BlazorForm("confirmation"), Values(("Input.Email", email)), null, cancellationToken);
        return Expect(done, "Register confirmation");
    }

    public override async Task<HtmlPage> SetPasswordAsync(HttpBrowser browser, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/SetPassword", cancellationToken);
        var done = await browser.SubmitAsync(page.BlazorForm("set-password"), Values(("Input.NewPassword", password), ("Input.ConfirmPassword", password)), null, cancellationToken);

        // The page redirects to itself with its message, and from there, the account now having a password, to the
        // change-password page, where the message is lost: landing there is what says the password was set.
        return Expect(done, "Old password");
    }

    public override async Task<HtmlPage> ConnectExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ExternalLogins", cancellationToken);
        return Expect(await ThroughProviderAsync(browser, page.FormPostingTo(Account + "Manage/LinkExternalLogin"), account, cancellationToken), "The external login was added");
    }

    public override async Task<HtmlPage> RemoveExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ExternalLogins", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithFieldValue("ProviderKey", account.Uid), Values(), null, cancellationToken), "The external login was removed");
    }
}
