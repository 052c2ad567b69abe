using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace SignalGen.AuthSample.Tests;

/// <summary>Secure defaults: antiforgery on forms, no redirect off the site after login, lockout after repeated wrong passwords.</summary>
public sealed class SecurityTests(AuthSampleServer server)
{
    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var page = await server.NewPageAsync();
        var response = await page.APIRequest.PostAsync("/Account/Login", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Append("Email", "someone@example.test").Append("Password", "whatever"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, response.Status);
    }

    [Theory]
    [InlineData("//evil.example/", "/Account/Manage")]
    [InlineData("/\\evil.example/", "/Account/Manage")]
    [InlineData("https://evil.example/", "/Account/Manage")]
    [InlineData("/Account/Manage/Password", "/Account/Manage/Password")]
    public async Task Login_follows_a_local_return_url_and_no_other(string returnUrl, string landing)
    {
        var email = PageSteps.NewEmail("return");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(email);
        await page.LogOutAsync();

        await page.GotoAsync("/Account/Login?returnUrl=" + System.Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", PageSteps.Password);
        await page.ClickAsync("#login");
        await page.WaitForPathAsync(landing);

        Assert.Equal(new System.Uri(server.BaseUrl).Authority, new System.Uri(page.Url).Authority);
        page.AssertAt(landing);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var email = PageSteps.NewEmail("lockout");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(email);
        await page.LogOutAsync();

        var errors = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.LogInAsync(email, "Wrong-horse-" + attempt);
            errors.Add(await page.TextAsync("#errors"));
        }

        Assert.Equal("Invalid login attempt.", errors[0]);
        Assert.StartsWith("This account is locked", errors[4]);
        await page.LogInAsync(email);
        Assert.StartsWith("This account is locked", await page.TextAsync("#errors"));
        var user = await server.UserAsync(email);
        Assert.True(user.LockoutEnd > System.DateTimeOffset.UtcNow);

        // Each failure is in the security log; the fifth locked the account, the sixth found it locked.
        var failures = (await server.SecurityLogAsync(user.Id)).Where(entry => entry.Event == "UserLoginFailed").Select(entry => entry.Detail ?? "").ToArray();
        Assert.Equal(["wrong password", "wrong password", "wrong password", "wrong password", "wrong password, account locked", "account locked out"], failures);
    }
}
