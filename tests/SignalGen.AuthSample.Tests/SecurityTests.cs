using System.Collections.Generic;
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
        await page.WaitForURLAsync("**" + landing);

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
        Assert.True((await server.UserAsync(email)).LockoutEnd > System.DateTimeOffset.UtcNow);
    }
}
