using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using SignalGen.StockHosts.Tests.Http;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>
/// A template's account pages, used as a person uses them: open the page, fill the form, press the button. The
/// Razor Pages UI and the Blazor components differ in addresses and forms, not in what a user does, so the flows
/// are written once against this class. Each action checks the page says it worked, so a step that must send
/// nothing is known to have happened.
/// </summary>
public abstract class AccountPages
{
    /// <summary>What the confirmation and reset mails are called in the journal of captured mail.</summary>
    public abstract string ConfirmationMail { get; }

    public abstract string ResetMail { get; }

    public abstract Task<HtmlPage> RegisterAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken);

    /// <summary>Logs in with a password; the page it ends on is the home page, or the second-factor page.</summary>
    public abstract Task<HtmlPage> LogInAsync(HttpBrowser browser, string email, string password, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> FailLogInAsync(HttpBrowser browser, string email, string wrongPassword, CancellationToken cancellationToken);

    /// <summary>Answers the second-factor page with the app's code; the page it ends on says the user is signed in.</summary>
    public async Task<HtmlPage> AuthenticatorCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken) =>
        Expect(await SubmitAuthenticatorCodeAsync(browser, twoFactorPage, code, cancellationToken), SignedInText);

    /// <summary>Answers the second-factor page with a wrong code; returns the page, which asks again.</summary>
    public async Task<HtmlPage> WrongAuthenticatorCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken) =>
        Expect(await SubmitAuthenticatorCodeAsync(browser, twoFactorPage, code, cancellationToken), "Invalid authenticator code");

    public abstract Task<HtmlPage> RecoveryCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> LogOutAsync(HttpBrowser browser, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> ChangePasswordAsync(HttpBrowser browser, string oldPassword, string newPassword, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> ChangeEmailAsync(HttpBrowser browser, string newEmail, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> ForgotPasswordAsync(HttpBrowser browser, string email, CancellationToken cancellationToken);

    public async Task<HtmlPage> ResetPasswordAsync(HttpBrowser browser, Uri link, string email, string newPassword, CancellationToken cancellationToken) =>
        Expect(await SubmitResetPasswordAsync(browser, link, email, newPassword, cancellationToken), "Your password has been reset");

    /// <summary>Follows a reset link whose code is not the one mailed (a forged or mangled link): the page refuses the token.</summary>
    public async Task<HtmlPage> InvalidResetPasswordAsync(HttpBrowser browser, Uri link, string email, string newPassword, CancellationToken cancellationToken) =>
        Expect(await SubmitResetPasswordAsync(browser, WithWrongCode(link), email, newPassword, cancellationToken), "Invalid token");

    public abstract Task<HtmlPage> ResendConfirmationAsync(HttpBrowser browser, string email, CancellationToken cancellationToken);

    /// <summary>Turns on an authenticator app: reads the key from the page, answers with <paramref name="codeFor"/>'s code; returns the key and the recovery codes.</summary>
    public abstract Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(HttpBrowser browser, Func<string, string> codeFor, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<string>> ResetRecoveryCodesAsync(HttpBrowser browser, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> DisableTwoFactorAsync(HttpBrowser browser, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> DeleteAccountAsync(HttpBrowser browser, string password, CancellationToken cancellationToken);

    /// <summary>From the login page's external login button, through the provider (as <paramref name="account"/>), back to the app.</summary>
    public abstract Task<HtmlPage> ExternalLogInAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken);

    /// <summary>On the page the provider's callback shows a new external user: registers with <paramref name="email"/>.</summary>
    public abstract Task<HtmlPage> ExternalRegisterAsync(HttpBrowser browser, HtmlPage callbackPage, string email, CancellationToken cancellationToken);

    /// <summary>Gives an account without a password (made by external sign-up) one, on the manage pages.</summary>
    public abstract Task<HtmlPage> SetPasswordAsync(HttpBrowser browser, string password, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> ConnectExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken);

    public abstract Task<HtmlPage> RemoveExternalLoginAsync(HttpBrowser browser, ExternalAccount account, CancellationToken cancellationToken);

    /// <summary>Follows the confirmation link of a mail, and checks the page says the address is confirmed.</summary>
    public async Task<HtmlPage> ConfirmAsync(HttpBrowser browser, string link, CancellationToken cancellationToken) =>
        Expect(await browser.GetAsync(new Uri(link), cancellationToken), "Thank you for confirming your email");

    /// <summary>Follows a confirmation link whose code is not the one mailed: the page says the address is not confirmed.</summary>
    public async Task<HtmlPage> InvalidConfirmationAsync(HttpBrowser browser, string link, CancellationToken cancellationToken) =>
        Expect(await browser.GetAsync(WithWrongCode(new Uri(link)), cancellationToken), "Error confirming your email");

    /// <summary>What a page says once the user is signed in.</summary>
    protected abstract string SignedInText { get; }

    protected abstract Task<HtmlPage> SubmitAuthenticatorCodeAsync(HttpBrowser browser, HtmlPage twoFactorPage, string code, CancellationToken cancellationToken);

    protected abstract Task<HtmlPage> SubmitResetPasswordAsync(HttpBrowser browser, Uri link, string email, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="link"/> with a code that decodes (the pages base64url-decode it first) but is not a token Identity
    /// made: what a forged link, or one whose code a mail client mangled, brings.
    /// </summary>
    private static Uri WithWrongCode(Uri link)
    {
        var query = QueryHelpers.ParseQuery(link.Query).ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        query["code"] = WebEncoders.Base64UrlEncode("not-the-token"u8.ToArray());
        return new Uri(QueryHelpers.AddQueryString(link.GetLeftPart(UriPartial.Path), query));
    }

    /// <summary>Presses an external login form's provider button, then picks <paramref name="account"/> on the provider's page.</summary>
    protected static async Task<HtmlPage> ThroughProviderAsync(HttpBrowser browser, HtmlForm form, ExternalAccount account, CancellationToken cancellationToken)
    {
        var authorize = await browser.SubmitForRedirectAsync(form, new Dictionary<string, string>(), form.Button(value: ExternalAccount.Provider), cancellationToken);
        var chosen = QueryHelpers.AddQueryString(authorize.ToString(), new Dictionary<string, string?>
        {
            ["login_uid"] = account.Uid,
            ["login_email"] = account.Email,
            ["login_name"] = account.Name,
        });
        return await browser.GetAsync(new Uri(chosen), cancellationToken);
    }

    protected static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value);

    /// <summary>The page, once it is known to say <paramref name="text"/> (with a 200); else a failure that shows it.</summary>
    protected static HtmlPage Expect(HtmlPage page, string text)
    {
        if (page.Status != HttpStatusCode.OK || !page.Text.Contains(text, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a page saying '{text}', got {(int)page.Status} at {page.Url} (via {string.Join(" -> ", page.Redirects)}):{Environment.NewLine}{page.Text}");
        }

        return page;
    }

    /// <summary>The recovery codes a page shows.</summary>
    protected static IReadOnlyList<string> RecoveryCodes(HtmlPage page)
    {
        var codes = page.Document.QuerySelectorAll("code.recovery-code").Select(code => code.TextContent.Trim()).ToList();
        return codes.Count == 10 ? codes : throw new InvalidOperationException($"Expected 10 recovery codes on {page.Url}, found {codes.Count}:{Environment.NewLine}{page.Text}");
    }

    /// <summary>The authenticator key of the page's otpauth:// URI (the QR code's data).</summary>
    protected static string AuthenticatorKey(HtmlPage page)
    {
        var uri = page.Find("[data-url]")?.GetAttribute("data-url")
                  ?? throw new InvalidOperationException($"No authenticator URI on {page.Url}:{Environment.NewLine}{page.Text}");
        var secret = QueryHelpers.ParseQuery(new Uri(WebUtility.HtmlDecode(uri)).Query)["secret"].ToString();
        return secret.Length > 0 ? secret : throw new InvalidOperationException("No secret in " + uri);
    }
}
