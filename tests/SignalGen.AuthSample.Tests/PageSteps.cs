using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>What a user does in the sample, step by step, as browser actions.</summary>
internal static class PageSteps
{
    public const string Password = "Correct-horse-9";

    /// <summary>An address no other test uses, so tests share the server and stay independent.</summary>
    public static string NewEmail(string purpose) => $"{purpose}-{Guid.NewGuid().ToString("N")[..10]}@example.test";

    public static async Task SignUpAsync(this IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#register");
        await page.WaitForPathAsync("/Account/Manage");
    }

    public static async Task LogInAsync(this IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
    }

    public static async Task LogOutAsync(this IPage page)
    {
        await page.ClickAsync("#logout");
        await page.WaitForPathAsync("/");
    }

    /// <summary>
    /// Waits until the page's address has this path (or, with <paramref name="startsWith"/>, a path and query
    /// beginning with it), on any host. Playwright's <c>WaitForURLAsync</c> also waits for the page's load
    /// event once the address matches; in full CI runs that wait twice outlasted its 90 s after the address
    /// had changed and the network was idle, so the steps wait for the address only and let the next action
    /// wait for its element, as Playwright's actions do.
    /// </summary>
    public static Task WaitForPathAsync(this IPage page, string path, bool startsWith = false) =>
        Expect(page).ToHaveURLAsync(new Regex("^[a-z]+://[^/]+" + Regex.Escape(path) + (startsWith ? "" : "(?:[?#].*)?$")));

    /// <summary>Opens the newest mail sink message to the address whose subject contains <paramref name="subject"/>, and follows its link.</summary>
    public static async Task FollowMailLinkAsync(this IPage page, string to, string subject)
    {
        await page.GotoAsync("/mail");
        var message = page.Locator("#mail tr").Filter(new() { Has = page.Locator($"td:text-is('{to}')") }).Filter(new() { HasText = subject }).First;
        await message.Locator("a.mail-link").ClickAsync();
    }

    /// <summary>The page's text at a selector, whitespace collapsed.</summary>
    public static async Task<string> TextAsync(this IPage page, string selector) =>
        Regex.Replace(await page.Locator(selector).InnerTextAsync(), @"\s+", " ").Trim();

    public static async Task ScreenshotAsync(this AuthSampleServer server, IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotFolder, name + ".png"), FullPage = true });

    public static Task<AppUser> UserAsync(this AuthSampleServer server, string email) =>
        server.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(user => user.NormalizedEmail == email.ToUpperInvariant()));

    /// <summary>The user's security log, oldest first, as the receivers wrote it.</summary>
    public static Task<SecurityLogEntry[]> SecurityLogAsync(this AuthSampleServer server, string userId) =>
        server.QueryAsync(db => db.SecurityLog.AsNoTracking().Where(entry => entry.UserId == userId).OrderBy(entry => entry.Id).ToArrayAsync());

    public static async Task<string[]> SecurityEventsAsync(this AuthSampleServer server, string userId) =>
        (await server.SecurityLogAsync(userId)).Select(entry => entry.Event).ToArray();

    public static void AssertAt(this IPage page, string path) =>
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
}
