using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Http;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The Razor Pages template's account pages: Identity's default UI under /Identity/Account.</summary>
public sealed class RazorAccountPages : AccountPages
{
    private const string Account = "/Identity/Account/";

    public override string ConfirmationMail => "Confirm your email";

    public override string ResetMail => "Reset";

    public override async Task<HtmlPage> RegisterAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Register", cancellationToken);
        var done = await browser.SubmitAsync(page.FormWithField("Input.ConfirmPassword"), Values(("Input.Email", email), ("Input.Password", password), ("Input.ConfirmPassword", password)), null, cancellationToken);
        return Expect(done, "Register confirmation");
    }

    public override async Task<HtmlPage> LogInAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        var done = await browser.SubmitAsync(page.FormWithField("Input.Password"), Values(("Input.Email", email), ("Input.Password", password)), null, cancellationToken);
        return done.Url.AbsolutePath.StartsWith(Account + "LoginWith2fa", StringComparison.Ordinal) ? Expect(done, "Two-factor authentication") : Expect(done, "Hello " + email);
    }

    public override async Task<HtmlPage> FailLogInAsync(HttpBrowser browser, string email, string wrongPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithField("Input.Password"), Values(("Input.Email", email), ("Input.Password", wrongPassword)), null, cancellationToken), "Invalid login attempt");
    }

    protected override string SignedInText => "Hello ";

    protected override async Task<HtmlPage> SubmitAuthenticatorCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken) =>
        await browser.SubmitAsync(twoFactorPage.FormWithField("Input.TwoFactorCode"), Values(("Input.TwoFactorCode", code)), null, cancellationToken);

    public override async Task<HtmlPage> RecoveryCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(twoFactorPage.Link("log in with a recovery code"), cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithField("Input.RecoveryCode"), Values(("Input.RecoveryCode", code)), null, cancellationToken), "Hello ");
    }

    public override async Task<HtmlPage> LogOutAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync("/", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormPostingTo(Account + "Logout"), Values(), null, cancellationToken), "Login");
    }

    public override async Task<HtmlPage> ChangePasswordAsync(HttpBrowser browser, string oldPassword, string newPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ChangePassword", cancellationToken);
        var done = await browser.SubmitAsync(page.FormWithField("Input.OldPassword"), Values(("Input.OldPassword", oldPassword), ("Input.NewPassword", newPassword), ("Input.ConfirmPassword", newPassword)), null, cancellationToken);
        return Expect(done, "Your password has been changed");
    }

    public override async Task<HtmlPage> ChangeEmailAsync(HttpBrowser browser, string newEmail, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/Email", cancellationToken);
        var form = page.FormWithField("Input.NewEmail");
        var done = await browser.SubmitAsync(form, Values(("Input.NewEmail", newEmail)), form.Button(text: "Change email"), cancellationToken);
        return Expect(done, "Confirmation link to change email sent");
    }

    public override async Task<HtmlPage> ForgotPasswordAsync(HttpBrowser browser, string email, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "ForgotPassword", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithField("Input.Email"), Values(("Input.Email", email)), null, cancellationToken), "Please check your email to reset your password");
    }

    protected override async Task<HtmlPage> SubmitResetPasswordAsync(HttpBrowser browser, Uri link, string email, string newPassword, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(link, cancellationToken);
        return await browser.SubmitAsync(page.FormWithField("Input.Code"), Values(("Input.Email", email), ("Input.Password", newPassword), ("Input.ConfirmPassword", newPassword)), null, cancellationToken);
    }

    public override async Task<HtmlPage> ResendConfirmationAsync(HttpBrowser browser, string email, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "ResendEmailConfirmation", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithField("Input.Email"), Values(("Input.Email", email)), null, cancellationToken), "Verification email sent");
    }

    public override async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(HttpBrowser browser, Func<string, string> codeFor, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/EnableAuthenticator", cancellationToken);
        var key = AuthenticatorKey(page);
        var done = await browser.SubmitAsync(page.FormWithField("Input.Code"), Values(("Input.Code", codeFor(key))), null, cancellationToken);
        return (key, RecoveryCodes(Expect(done, "Your authenticator app has been verified")));
    }

    public override async Task<IReadOnlyList<string>> ResetRecoveryCodesAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/GenerateRecoveryCodes", cancellationToken);
        var done = await browser.SubmitAsync(page.FormWithButton("Generate Recovery Codes"), Values(), null, cancellationToken);
        return RecoveryCodes(Expect(done, "You have generated new recovery codes"));
    }

    public override async Task<HtmlPage> DisableTwoFactorAsync(HttpBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/Disable2fa", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithButton("Disable 2FA"), Values(), null, cancellationToken), "2fa has been disabled");
    }

    public override async Task<HtmlPage> DeleteAccountAsync(HttpBrowser browser, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/DeletePersonalData", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithField("Input.Password"), Values(("Input.Password", password)), null, cancellationToken), "Register");
    }

    public override async Task<HtmlPage> ExternalLogInAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Login", cancellationToken);
        return await ThroughProviderAsync(browser, page.FormPostingTo(Account + "ExternalLogin"), account, cancellationToken);
    }

    public override async Task<HtmlPage> ExternalRegisterAsync(HttpBrowser browser, HtmlPage callbackPage, string email, CancellationToken cancellationToken)
    {
        Expect(callbackPage, "You've successfully authenticated with");
        var done = await browser.SubmitAsync(callbackPage.FormWithField("Input.Email"), Values(("Input.Email", email)), null, cancellationToken);
        return Expect(done, "Register confirmation");
    }

    public override async Task<HtmlPage> SetPasswordAsync(HttpBrowser browser, string password, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/SetPassword", cancellationToken);
        var done = await browser.SubmitAsync(page.FormWithField("Input.NewPassword"), Values(("Input.NewPassword", password), ("Input.ConfirmPassword", password)), null, cancellationToken);
        return Expect(done, "Your password has been set");
    }

    public override async Task<HtmlPage> ConnectExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ExternalLogins", cancellationToken);
        return Expect(await ThroughProviderAsync(browser, page.Form("to link a login", form => form.Id == "link-login-form"), account, cancellationToken), "The external login was added");
    }

    public override async Task<HtmlPage> RemoveExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken)
    {
        var page = await browser.GetAsync(Account + "Manage/ExternalLogins", cancellationToken);
        return Expect(await browser.SubmitAsync(page.FormWithFieldValue("ProviderKey", account.Uid), Values(), null, cancellationToken), "The external login was removed");
    }
}
