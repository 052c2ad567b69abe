using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>Several addresses per user: add, confirm, make primary, remove.</summary>
public sealed class EmailAddressTests(AuthSampleServer server)
{
    [Fact]
    public async Task An_added_address_is_confirmed_made_primary_and_the_old_one_removed()
    {
        var first = PageSteps.NewEmail("first");
        var second = PageSteps.NewEmail("second");
        var page = await server.NewPageAsync();
        await page.SignUpAsync(first);

        await page.GotoAsync("/Account/Manage/Emails");
        await page.FillAsync("#new-email", second);
        await page.ClickAsync("#add-email");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Added " + second + "; we sent it a confirmation link.");
        Assert.Equal(second + " unverified Resend confirmation Remove", await page.TextAsync($"tr[data-email='{second}']"));
        await server.ScreenshotAsync(page, "email-addresses");

        // A second request for the same address within the cooldown sends nothing.
        await page.Locator($"tr[data-email='{second}'] button", new() { HasText = "Resend confirmation" }).ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync(new Regex("^" + Regex.Escape("A confirmation link was sent a moment ago")));

        await page.FollowMailLinkAsync(second, "Confirm your e-mail address");
        await page.ClickAsync("#confirm");
        Assert.Equal(second + " is confirmed. Thank you!", await page.TextAsync("#confirmed"));

        await page.GotoAsync("/Account/Manage/Emails");
        await page.Locator($"tr[data-email='{second}'] button", new() { HasText = "Make primary" }).ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync(second + " is now your primary address.");
        Assert.StartsWith(second + " primary, verified", await page.TextAsync("#emails tr:nth-child(2)"));
        Assert.Equal(second, await page.TextAsync("#signed-in-as"));

        await page.Locator($"tr[data-email='{first}'] button", new() { HasText = "Remove" }).ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("Removed " + first + ".");
        Assert.Equal(2, await page.Locator("#emails tr").CountAsync());

        // Still signed in (the cookie was re-issued), and the account now goes by the new address, also to log in.
        await page.GotoAsync("/Account/Manage");
        Assert.Contains(second + " (confirmed)", await page.TextAsync("#profile"));
        await page.LogOutAsync();
        await page.LogInAsync(second);
        await page.WaitForPathAsync("/Account/Manage");
        var user = await server.UserAsync(second);
        Assert.Equal(
            ["EmailConfirmationSent", "EmailAdded", "EmailConfirmationSent", "EmailConfirmed", "EmailChanged", "EmailRemoved", "UserLoggedOut"],
            await server.SecurityEventsAsync(user.Id));
        var log = await server.SecurityLogAsync(user.Id);
        Assert.Equal(second, log[1].Detail);
        Assert.Equal(first + " -> " + second, log[4].Detail);
        Assert.Equal(first, log[5].Detail);
        Assert.Contains("EmailRemoved", await page.TextAsync("#security-log"));

        // Confirming a secondary address is no primary confirmation: no trial.
        var profile = await server.QueryAsync(db => db.Profiles.AsNoTracking().SingleAsync(row => row.UserId == user.Id));
        Assert.Null(profile.PremiumTrialEndsAt);
    }
}
