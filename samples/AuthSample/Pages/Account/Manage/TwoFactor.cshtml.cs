using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account.Manage;

/// <summary>Turns two-factor authentication with an authenticator app (TOTP) on and off.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The code from the app.</summary>
    [BindProperty]
    public string Code { get; set; } = "";

    /// <summary>Whether two-factor is on.</summary>
    public bool Enabled { get; private set; }

    /// <summary>The authenticator key, base32.</summary>
    public string SharedKey { get; private set; } = "";

    /// <summary>The otpauth:// URI with the key.</summary>
    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>Recovery codes, shown once after turning it on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Why verification failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Shows the state, and the key when off.</summary>
    public async Task OnGetAsync() => await LoadAsync(await CurrentUserAsync());

    /// <summary>Verifies a code from the app, then turns two-factor on and shows recovery codes.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await CurrentUserAsync();
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Errors = ["The code is not valid; check the time on your device and try again."];
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 5) ?? []).ToList();
        // Turning it on renews the security stamp: re-issue this session's cookie.
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Turns two-factor off and forgets the key.</summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Two-factor authentication is off.";
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = key;
        var label = Uri.EscapeDataString("AuthSample:" + user.Email);
        AuthenticatorUri = "otpauth://totp/" + label + "?secret=" + key + "&issuer=AuthSample&digits=6";
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The page requires a signed-in user.");
}
