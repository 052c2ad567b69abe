using System.Threading.Tasks;
using Xunit;

namespace SignalGen.AuthSample.Tests;

/// <summary>Password change (other sessions signed out, this one kept) and reset through the mail sink.</summary>
public sealed class PasswordTests(AuthSampleServer server)
{
    [Fact]
    public async Task Changing_the_password_signs_out_the_other_session_and_keeps_this_one()
    {
        var email = PageSteps.NewEmail("change");
        var laptop = await server.NewPageAsync();
        await laptop.SignUpAsync(email);
        var phone = await server.NewPageAsync();
        await phone.LogInAsync(email);
        await phone.WaitForPathAsync("/Account/Manage");

        await laptop.GotoAsync("/Account/Manage/Password");
        await server.ScreenshotAsync(laptop, "change-password");
        await laptop.FillAsync("#current", PageSteps.Password);
        await laptop.FillAsync("#new", "Another-horse-7");
        await laptop.ClickAsync("#save-password");
        Assert.Equal("Your password was changed; your other sessions are signed out.", await laptop.TextAsync("#message"));

        // This session stays signed in; the other one is sent to the login page on its next request.
        await laptop.GotoAsync("/Account/Manage");
        laptop.AssertAt("/Account/Manage");
        Assert.Equal(email, await laptop.TextAsync("#signed-in-as"));
        await phone.GotoAsync("/Account/Manage");
        phone.AssertAt("/Account/Login");
        Assert.Equal(0, await phone.Locator("#signed-in-as").CountAsync());

        await phone.LogInAsync(email, "Another-horse-7");
        await phone.WaitForPathAsync("/Account/Manage");
        var user = await server.UserAsync(email);
        Assert.Equal(["EmailConfirmationSent", "PasswordChanged"], await server.SecurityEventsAsync(user.Id));
        Assert.Contains("PasswordChanged", await phone.TextAsync("#security-log"));
    }

    [Fact]
    public async Task Forgotten_password_is_reset_from_the_mail_sink_link()
    {
        var email = PageSteps.NewEmail("reset");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(email);
        await page.LogOutAsync();

        await page.GotoAsync("/Account/ForgotPassword");
        await page.FillAsync("#email", email);
        await page.ClickAsync("#send-reset");
        Assert.StartsWith("If an account uses this address", await page.TextAsync("#sent"));
        await page.FollowMailLinkAsync(email, "Reset your password");
        page.AssertAt("/Account/ResetPassword");
        await page.FillAsync("#password", "Reset-horse-3");
        await page.ClickAsync("#reset");
        Assert.StartsWith("Your password was reset.", await page.TextAsync("#reset-done"));

        await page.LogInAsync(email, "Reset-horse-3");
        await page.WaitForPathAsync("/Account/Manage");
        var user = await server.UserAsync(email);
        Assert.Equal(["EmailConfirmationSent", "UserLoggedOut", "PasswordReset"], await server.SecurityEventsAsync(user.Id));
    }
}
