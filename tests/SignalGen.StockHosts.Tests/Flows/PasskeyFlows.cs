using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SignalGen.StockHosts.Tests.Hosts;
using Xunit;
using static SignalGen.StockHosts.Tests.Flows.ExpectedSignal;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>Passkeys, which only the Blazor template offers.</summary>
public static class PasskeyFlows
{
    public static IEnumerable<FlowDefinition> All =>
    [
        new(HostKind.Blazor, "passkey-add-rename-log-in-and-delete", PasskeyAsync),
    ];

    /// <summary>
    /// A passkey added on the template's manage page, renamed, used to log in and deleted, in Chromium with its virtual
    /// authenticator (CTAP2, built in, resident keys, user verification) over a CDP session. Identity saves the new
    /// passkey, the rename and the sign-in's sign count through the same AddOrUpdatePasskeyAsync: only the first is an
    /// authenticator added.
    /// </summary>
    private static async Task PasskeyAsync(FlowSession session)
    {
        var pages = new BlazorAccountPages();
        var http = session.NewBrowser();
        var user = await UiFlows.RegisterAsync(session, pages, http, FlowSession.NewEmail("passkey"));
        await UiFlows.ConfirmAsync(session, pages, http, user);

        var context = await session.NewChromiumContextAsync();
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;
        Task Mark(string id) => page.EvaluateAsync("id => fetch('/stockhosts/mark?id=' + id).then(response => { if (!response.ok) throw new Error(response.status); })", id);

        (await session.StepAsync(FlowRow.LogInWithPassword, async () =>
        {
            await page.GotoAsync("/Account/Login");
            await page.Locator("[name='Input.Email']").FillAsync(user.Email);
            await page.Locator("[name='Input.Password']").FillAsync(UiFlows.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logout" })).ToBeVisibleAsync();
        }, Mark)).Are(PasswordStep(user, user.Email), UserLoggedIn(user));

        string credentialId = "";
        var added = await session.StepAsync(FlowRow.AddPasskey, async () =>
        {
            await page.GotoAsync("/Account/Manage/Passkeys");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add a new passkey" }).ClickAsync();
            // The address, not the load event WaitForURLAsync also waits for (see AuthSample's PageSteps.WaitForPathAsync).
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/RenamePasskey/[^/?#]+$"), new() { Timeout = (float)FlowSession.Timeout.TotalMilliseconds });
            credentialId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        }, Mark);
        added.Are(AuthenticatorAdded(user, AuthenticatorRef.Passkey(credentialId)));

        (await session.StepAsync(FlowRow.RenamePasskey, async () =>
        {
            await page.Locator("[name='Input.Name']").FillAsync("Laptop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Laptop" })).ToBeVisibleAsync();
        }, Mark)).Are();

        // The app shows the credential id as base64url; the authenticator holds the same credential (base64).
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        var stored = credentials!.Value.GetProperty("credentials").EnumerateArray().Single().GetProperty("credentialId").GetString()!;
        Assert.Equal(Convert.ToBase64String(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(credentialId)), stored);

        (await session.StepAsync(FlowRow.LogOut, async () =>
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Login" })).ToBeVisibleAsync();
        }, Mark)).Are(UserLoggedOut(user));

        // The login page asks for a passkey to autofill as it loads, which the virtual authenticator would answer at
        // once: presence is off while it loads, then on for the request the button makes.
        (await session.StepAsync(FlowRow.LogInWithPasskey, async () =>
        {
            await SetPresenceAsync(cdp, authenticatorId, false);
            await page.GotoAsync("/Account/Login", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await SetPresenceAsync(cdp, authenticatorId, true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in with a passkey" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logout" })).ToBeVisibleAsync();
        }, Mark)).Are(
            MfaStep(user, "Passkey", id: credentialId, passwordless: true),
            AuthenticatorUsed(user, AuthenticatorRef.Passkey(credentialId, "Laptop"), passwordless: true),
            UserLoggedIn(user));

        (await session.StepAsync(FlowRow.RemovePasskey, async () =>
        {
            await page.GotoAsync("/Account/Manage/Passkeys");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Passkey deleted successfully.")).ToBeVisibleAsync();
        }, Mark)).Are(AuthenticatorRemoved(user, AuthenticatorRef.Passkey(credentialId, "Laptop")));
    }

    private static Task SetPresenceAsync(ICDPSession cdp, string authenticatorId, bool enabled) =>
        cdp.SendAsync("WebAuthn.setAutomaticPresenceSimulation", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId, ["enabled"] = enabled });
}
