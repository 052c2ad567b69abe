using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account.Manage;

/// <summary>Connects and disconnects external logins.</summary>
public sealed class ExternalLoginsModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The connected logins.</summary>
    public IReadOnlyList<UserLoginInfo> Logins { get; private set; } = [];

    /// <summary>The providers available.</summary>
    public IReadOnlyList<AuthenticationScheme> Providers { get; private set; } = [];

    /// <summary>False when removing a login would leave no way to log in.</summary>
    public bool CanDisconnect { get; private set; }

    /// <summary>Why an action failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Lists the logins.</summary>
    public async Task OnGetAsync() => await LoadAsync(await CurrentUserAsync());

    /// <summary>Sends the browser to the provider, bound to this user (Identity checks it on the way back).</summary>
    public async Task<IActionResult> OnPostConnectAsync(string provider)
    {
        // Until its address is confirmed the account may be someone else's claim on that address: a login
        // connected now would let them back in after the address's owner takes the account over by a reset.
        var user = await CurrentUserAsync();
        if (!await users.IsEmailConfirmedAsync(user))
        {
            return await FailAsync(user, "Confirm your e-mail address before connecting an external login.");
        }

        // A stale external cookie from another attempt must not be taken for this one.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var callback = Url.Page("/Account/Manage/ExternalLogins", pageHandler: "ConnectCallback");
        var properties = signIn.ConfigureExternalAuthenticationProperties(provider, callback, users.GetUserId(User));
        return new ChallengeResult(provider, properties);
    }

    /// <summary>Back from the provider: connects the login (PreSocialLogin, SocialAccountAdded).</summary>
    public async Task<IActionResult> OnGetConnectCallbackAsync()
    {
        var user = await CurrentUserAsync();
        if (await signIn.GetExternalLoginInfoAsync(user.Id) is not { } info)
        {
            return await FailAsync(user, "The external login failed; try again.");
        }

        var result = await users.AddLoginAsync(user, info);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded)
        {
            return await FailAsync(user, "This external account is connected to another user already.");
        }

        TempData["Message"] = info.ProviderDisplayName + " account " + info.ProviderKey + " connected.";
        return RedirectToPage();
    }

    /// <summary>Disconnects a login (SocialAccountRemoved), unless it is the only way left to log in.</summary>
    public async Task<IActionResult> OnPostDisconnectAsync(string loginProvider, string providerKey)
    {
        var user = await CurrentUserAsync();
        if (!await CanDisconnectAsync(user))
        {
            return await FailAsync(user, "Set a password before disconnecting your only login.");
        }

        var result = await users.RemoveLoginAsync(user, loginProvider, providerKey);
        if (!result.Succeeded)
        {
            return await FailAsync(user, result.Errors.Select(error => error.Description).ToArray());
        }

        // RemoveLoginAsync renews the security stamp: re-issue this session's cookie.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Account " + providerKey + " disconnected.";
        return RedirectToPage();
    }

    private async Task<bool> CanDisconnectAsync(AppUser user) =>
        await users.HasPasswordAsync(user) || (await users.GetLoginsAsync(user)).Count > 1;

    private async Task LoadAsync(AppUser user)
    {
        Logins = (await users.GetLoginsAsync(user)).ToList();
        Providers = (await signIn.GetExternalAuthenticationSchemesAsync()).ToList();
        CanDisconnect = await CanDisconnectAsync(user);
    }

    private async Task<IActionResult> FailAsync(AppUser user, params string[] errors)
    {
        Errors = errors;
        await LoadAsync(user);
        return Page();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new System.InvalidOperationException("The page requires a signed-in user.");
}
