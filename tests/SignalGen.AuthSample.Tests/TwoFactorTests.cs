using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>Two-factor authentication with an authenticator app: the test is the app, computing TOTP codes.</summary>
public sealed class TwoFactorTests(AuthSampleServer server)
{
    [Fact]
    public async Task Login_with_a_totp_code_or_a_recovery_code_records_the_mfa_use()
    {
        var email = PageSteps.NewEmail("totp");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(email);

        // Without a second factor: the password alone logs in, and no MFA use is recorded.
        await page.LogOutAsync();
        await page.LogInAsync(email);
        await page.WaitForPathAsync("/Account/Manage");

        await page.GotoAsync("/Account/Manage/TwoFactor");
        var key = await page.TextAsync("#authenticator-key");
        Assert.StartsWith("otpauth://totp/AuthSample%3A", await page.TextAsync("#authenticator-uri"));
        await server.ScreenshotAsync(page, "two-factor-setup");
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#enable-2fa");
        Assert.StartsWith("Two-factor authentication with an authenticator app is on", await page.TextAsync("#two-factor-status"));
        var recoveryCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        Assert.Equal(5, recoveryCodes.Count);

        await page.LogOutAsync();
        await page.LogInAsync(email);
        await page.WaitForPathAsync("/Account/LoginWith2fa", startsWith: true);
        await server.ScreenshotAsync(page, "two-factor-login");
        // A code no time step near now accepts: a fixed one such as 000000 is right in one step of a million.
        var nearby = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        await page.FillAsync("#code", Enumerable.Range(0, 10).Select(i => i.ToString("D6")).First(code => !nearby.Contains(code)));
        await page.ClickAsync("#verify");
        Assert.Equal("Invalid code.", await page.TextAsync("#errors"));
        await page.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#verify");
        await page.WaitForPathAsync("/Account/Manage");

        Assert.Equal("totp", await page.TextAsync("#mfa tr:nth-child(2) td:nth-child(2)"));

        // Without the app: a recovery code is the second factor, once.
        await page.LogOutAsync();
        await page.LogInAsync(email);
        await page.WaitForPathAsync("/Account/LoginWith2fa", startsWith: true);
        await page.FillAsync("#code", recoveryCodes[0].Trim());
        await page.ClickAsync("#verify");
        await page.WaitForPathAsync("/Account/Manage");
        Assert.Equal("recovery_codes", await page.TextAsync("#mfa tr:nth-child(2) td:nth-child(2)"));

        var user = await server.UserAsync(email);
        var uses = await server.QueryAsync(db => db.MfaUses.AsNoTracking().Where(row => row.UserId == user.Id).OrderBy(row => row.Id).Select(row => row.Type).ToArrayAsync());
        Assert.Equal(["totp", "recovery_codes"], uses);
        var logins = await server.QueryAsync(db => db.LoginActivity.AsNoTracking().CountAsync(row => row.UserId == user.Id));
        Assert.Equal(4, logins); // signup, password only, password and TOTP, password and recovery code

        // The security log: the authenticators turned on, the wrong code, and each use.
        var mfaEvents = (await server.SecurityLogAsync(user.Id))
            .Where(entry => entry.Event is not ("EmailConfirmationSent" or "UserLoggedOut"))
            .Select(entry => entry.Event + ": " + entry.Detail)
            .ToArray();
        Assert.Equal(
            [
                "AuthenticatorAdded: authenticator app",
                "AuthenticatorAdded: recovery codes, 5 left",
                "AuthenticationFailed: authenticator app",
                "UserLoginFailed: wrong second factor",
                "AuthenticatorUsed: authenticator app",
                "AuthenticatorUsed: recovery codes, 4 left",
            ],
            mfaEvents);
        await page.GotoAsync("/Account/Manage");
        Assert.Contains("AuthenticatorUsed", await page.TextAsync("#security-log"));

        // Off: both authenticators removed.
        await page.GotoAsync("/Account/Manage/TwoFactor");
        await page.ClickAsync("#disable-2fa");
        await Expect(page.Locator("#two-factor-status")).ToContainTextAsync("is off");
        var removed = (await server.SecurityLogAsync(user.Id)).Where(entry => entry.Event == "AuthenticatorRemoved").Select(entry => entry.Detail ?? "").ToArray();
        Assert.Equal(["authenticator app", "recovery codes, 4 left"], removed);
    }
}
