using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>The development login provider: external signup and login, set password, connect and disconnect.</summary>
public sealed class ExternalLoginTests(AuthSampleServer server)
{
    [Fact]
    public async Task An_account_whose_address_is_not_confirmed_cannot_connect_a_login()
    {
        var email = PageSteps.NewEmail("unconfirmed");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(email);

        await page.GotoAsync("/Account/Manage/ExternalLogins");
        await page.ClickAsync("#connect-DevProvider");

        await Expect(page.Locator("#errors")).ToContainTextAsync("Confirm your e-mail address before connecting an external login.");
        page.AssertAt("/Account/Manage/ExternalLogins");
        var user = await server.UserAsync(email);
        Assert.Empty(await LoginsAsync(user.Id));
    }

    [Fact]
    public async Task External_signup_then_set_password_connect_and_disconnect_and_log_in_again()
    {
        var email = PageSteps.NewEmail("social");
        var uid = "uid-" + System.Guid.NewGuid().ToString("N")[..8];
        var page = await server.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await ChooseIdentityAsync(page, uid, email, screenshot: true);
        await page.WaitForPathAsync("/Account/Manage");
        await Expect(page.Locator("#message")).ToHaveTextAsync(new Regex("^" + Regex.Escape("Welcome! Your account was created with Dev provider.")));
        Assert.Contains(email + " (confirmed)", await page.TextAsync("#profile"));

        var user = await server.UserAsync(email);
        Assert.Null(user.PasswordHash);
        Assert.True(await server.QueryAsync(db => db.Profiles.AnyAsync(row => row.UserId == user.Id)));
        Assert.Equal(1, await server.QueryAsync(db => db.LoginActivity.CountAsync(row => row.UserId == user.Id)));
        Assert.Equal([("DevProvider", uid)], await LoginsAsync(user.Id));

        // The only login cannot be disconnected until the account has a password.
        await page.GotoAsync("/Account/Manage/ExternalLogins");
        Assert.Contains("Set a password before disconnecting your only login.", await page.TextAsync("#connected"));
        await page.GotoAsync("/Account/Manage/Password");
        Assert.Equal("Set a password", await page.TextAsync("h1"));
        await page.FillAsync("#new", PageSteps.Password);
        await page.ClickAsync("#save-password");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Your password was set.");

        // Connect a second identity at the provider, then disconnect the first.
        var second = "uid-" + System.Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/Account/Manage/ExternalLogins");
        await page.ClickAsync("#connect-DevProvider");
        await ChooseIdentityAsync(page, second, PageSteps.NewEmail("other"));
        await page.WaitForPathAsync("/Account/Manage/ExternalLogins");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Dev provider account " + second + " connected.");
        await server.ScreenshotAsync(page, "external-logins");
        await page.ClickAsync("#disconnect-" + uid);
        await Expect(page.Locator("#message")).ToHaveTextAsync("Account " + uid + " disconnected.");
        Assert.Equal([("DevProvider", second)], await LoginsAsync(user.Id));

        // Logged out, the connected identity logs in; the password does too.
        await page.LogOutAsync();
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await ChooseIdentityAsync(page, second, "ignored@example.test");
        await page.WaitForPathAsync("/Account/Manage");
        Assert.Equal(email, await page.TextAsync("#signed-in-as"));
        await page.LogOutAsync();
        await page.LogInAsync(email);
        await page.WaitForPathAsync("/Account/Manage");

        // The signup's PreSocialLogin had no user yet, so the log starts with the password.
        Assert.Equal(
            ["PasswordSet", "PreSocialLogin", "SocialAccountAdded", "SocialAccountRemoved", "UserLoggedOut", "SocialAccountUpdated", "PreSocialLogin", "UserLoggedOut"],
            await server.SecurityEventsAsync(user.Id));
        var log = await server.SecurityLogAsync(user.Id);
        Assert.Equal("DevProvider " + second, log[2].Detail);
        Assert.Equal("DevProvider " + uid, log[3].Detail);
        Assert.Equal("DevProvider " + second, log[5].Detail);
        Assert.Equal(3, await server.QueryAsync(db => db.LoginActivity.CountAsync(row => row.UserId == user.Id))); // external signup, external login, password
    }

    [Fact]
    public async Task External_signup_with_an_address_in_use_does_not_take_over_the_account()
    {
        var email = PageSteps.NewEmail("taken");
        var owner = await server.NewPageAsync();
        await owner.SignUpAsync(email);

        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await ChooseIdentityAsync(page, "uid-" + System.Guid.NewGuid().ToString("N")[..8], email);
        Assert.StartsWith("An account already uses this e-mail address.", await page.TextAsync("#errors"));
        Assert.Equal(0, await page.Locator("#signed-in-as").CountAsync());
        var user = await server.UserAsync(email);
        Assert.Empty(await LoginsAsync(user.Id));
    }

    [Fact]
    public async Task A_forged_code_is_refused_by_the_callback()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await page.WaitForPathAsync("/dev-provider/authorize", startsWith: true);
        var state = System.Web.HttpUtility.ParseQueryString(new System.Uri(page.Url).Query)["state"];
        var response = await page.GotoAsync("/signin-dev?state=" + System.Uri.EscapeDataString(state!) + "&code=forged");
        Assert.NotNull(response);
        Assert.Equal(0, await page.Locator("#signed-in-as").CountAsync());
        page.AssertAt("/Account/ExternalLogin");
        Assert.Equal("The external login failed or was cancelled.", await page.TextAsync("#errors"));
    }

    [Fact]
    public async Task A_code_issued_for_another_attempt_is_refused()
    {
        var email = PageSteps.NewEmail("replay");
        var page = await server.NewPageAsync();

        // First attempt: the consent page issues a code, which the test keeps instead of letting it reach the callback.
        var codeIssued = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // (Routes see no redirects, so the test posts the consent form itself and reads the redirect's code.)
        await page.RouteAsync(new Regex("/dev-provider/authorize"), async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            await route.AbortAsync();
            codeIssued.TrySetResult(System.Web.HttpUtility.ParseQueryString(new System.Uri(new System.Uri(server.BaseUrl), response.Headers["location"]).Query)["code"]);
        });
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await page.WaitForPathAsync("/dev-provider/authorize", startsWith: true);
        await page.FillAsync("#dev-email", email);
        await page.ClickAsync("#dev-allow");
        var issued = await codeIssued.Task.WaitAsync(System.TimeSpan.FromMilliseconds(AuthSampleServer.Timeout), TestContext.Current.CancellationToken);
        Assert.NotNull(issued);
        await page.UnrouteAllAsync();

        // Second attempt, its own state and correlation cookie, answered with the first attempt's code.
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await page.WaitForPathAsync("/dev-provider/authorize", startsWith: true);
        var state = System.Web.HttpUtility.ParseQueryString(new System.Uri(page.Url).Query)["state"];
        await page.GotoAsync("/signin-dev?state=" + System.Uri.EscapeDataString(state!) + "&code=" + System.Uri.EscapeDataString(issued!));

        Assert.Equal("The external login failed or was cancelled.", await page.TextAsync("#errors"));
        Assert.Equal(0, await page.Locator("#signed-in-as").CountAsync());
        Assert.Equal(0, await server.QueryAsync(db => db.Users.CountAsync(user => user.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task Cancelling_at_the_provider_logs_nobody_in()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("#external-DevProvider");
        await page.WaitForPathAsync("/dev-provider/authorize", startsWith: true);
        await page.ClickAsync("#dev-deny");
        await page.WaitForPathAsync("/Account/ExternalLogin", startsWith: true);
        Assert.Equal("The external login failed or was cancelled.", await page.TextAsync("#errors"));
        Assert.Equal(0, await page.Locator("#signed-in-as").CountAsync());
    }

    private async Task ChooseIdentityAsync(IPage page, string uid, string email, bool screenshot = false)
    {
        await page.WaitForPathAsync("/dev-provider/authorize", startsWith: true);
        await page.FillAsync("#uid", uid);
        await page.FillAsync("#dev-email", email);
        await page.FillAsync("#name", "Dev " + uid);
        if (screenshot)
        {
            await server.ScreenshotAsync(page, "dev-provider");
        }

        await page.ClickAsync("#dev-allow");
    }

    private Task<(string, string)[]> LoginsAsync(string userId) =>
        server.QueryAsync(db => db.UserLogins.Where(login => login.UserId == userId).Select(login => System.ValueTuple.Create(login.LoginProvider, login.ProviderKey)).ToArrayAsync());
}
