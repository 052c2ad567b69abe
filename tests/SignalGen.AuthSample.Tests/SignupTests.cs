using System.Linq;
using System.Threading.Tasks;
using System;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>Signup, confirmation from the mail sink, logout and login; the profile, trial, activity and log rows.</summary>
public sealed class SignupTests(AuthSampleServer server)
{
    [Fact]
    public async Task Signup_with_a_referral_creates_the_profile_and_confirming_the_address_starts_the_trial()
    {
        var page = await server.NewPageAsync();
        var email = PageSteps.NewEmail("signup");

        await page.GotoAsync("/?ref=friend42");
        await server.ScreenshotAsync(page, "home");
        await page.GotoAsync("/Account/Register");
        await server.ScreenshotAsync(page, "signup");
        await page.SignUpAsync(email);

        Assert.Contains("We sent a confirmation link to " + email, await page.TextAsync("#message"));
        Assert.Equal("friend42", await page.TextAsync("#referral"));
        Assert.Equal("127.0.0.1", await page.TextAsync("#signup-ip"));
        Assert.StartsWith("not started", await page.TextAsync("#trial"));
        var user = await server.UserAsync(email);
        var profile = await server.QueryAsync(db => db.Profiles.AsNoTracking().SingleAsync(row => row.UserId == user.Id));
        Assert.Equal("127.0.0.1", profile.SignupIp);
        Assert.Equal("friend42", profile.Referral);
        Assert.Null(profile.PremiumTrialEndsAt);
        var sent = Assert.Single(await server.SecurityLogAsync(user.Id));
        Assert.Equal(("EmailConfirmationSent", email + " (signup)"), (sent.Event, sent.Detail));

        await page.GotoAsync("/mail");
        await server.ScreenshotAsync(page, "mail-sink");
        await page.FollowMailLinkAsync(email, "Confirm your e-mail address");
        page.AssertAt("/Account/ConfirmEmail");
        await page.ClickAsync("#confirm");
        Assert.Equal(email + " is confirmed. Thank you!", await page.TextAsync("#confirmed"));

        profile = await server.QueryAsync(db => db.Profiles.AsNoTracking().SingleAsync(row => row.UserId == user.Id));
        var trialEnds = Assert.NotNull(profile.PremiumTrialEndsAt);
        Assert.InRange(trialEnds - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.True((await server.UserAsync(email)).EmailConfirmed);

        await page.GotoAsync("/Account/Manage");
        Assert.Equal("until " + trialEnds.ToString("yyyy-MM-dd"), await page.TextAsync("#trial"));
        Assert.Contains(email + " (confirmed)", await page.TextAsync("#profile"));
        await server.ScreenshotAsync(page, "account");
    }

    [Fact]
    public async Task Logout_and_login_are_recorded_with_ip_and_user_agent()
    {
        var page = await server.NewPageAsync();
        var email = PageSteps.NewEmail("login");
        await page.SignUpAsync(email);

        await page.LogOutAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("You are logged out.");
        await page.GotoAsync("/Account/Manage");
        page.AssertAt("/Account/Login");
        await server.ScreenshotAsync(page, "login");

        await page.LogInAsync(email);
        await page.WaitForPathAsync("/Account/Manage");
        Assert.Equal(email, await page.TextAsync("#signed-in-as"));

        var user = await server.UserAsync(email);
        var logins = await server.QueryAsync(db => db.LoginActivity.AsNoTracking().Where(row => row.UserId == user.Id).ToArrayAsync());
        Assert.Equal(2, logins.Length); // signup logs the user in, then the login
        Assert.All(logins, login =>
        {
            Assert.Equal("127.0.0.1", login.IpAddress);
            Assert.Contains("Chrome", login.UserAgent);
        });
        Assert.Equal(2, await page.Locator("#activity tr").CountAsync() - 1);
        Assert.Contains("HeadlessChrome", await page.TextAsync("#activity"));

        Assert.Equal(["EmailConfirmationSent", "UserLoggedOut"], await server.SecurityEventsAsync(user.Id));
        Assert.Contains("UserLoggedOut", await page.TextAsync("#security-log"));
    }
}
