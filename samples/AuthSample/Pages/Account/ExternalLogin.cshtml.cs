using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account;

/// <summary>Login or signup with an external provider.</summary>
public sealed class ExternalLoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>Why the external login failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Nothing to show without a provider's answer.</summary>
    public IActionResult OnGet() => RedirectToPage("/Account/Login");

    /// <summary>Where the handler sends a login the provider refused, or whose answer was forged or expired.</summary>
    public PageResult OnGetFailed() => Fail("The external login failed or was cancelled.");

    /// <summary>Sends the browser to the provider.</summary>
    public IActionResult OnPost(string provider)
    {
        var callback = Url.Page("/Account/ExternalLogin", pageHandler: "Callback");
        return new ChallengeResult(provider, signIn.ConfigureExternalAuthenticationProperties(provider, callback));
    }

    /// <summary>
    /// Back from the provider: logs in the connected user (PreSocialLogin, SocialAccountUpdated, UserLoggedIn), or
    /// signs up a new one with the address the provider vouches for (UserSignedUp, UserLoggedIn).
    /// </summary>
    public async Task<IActionResult> OnGetCallbackAsync()
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info)
        {
            return Fail("The external login failed; try again.");
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            return LocalRedirect("/Account/Manage");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa");
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            return Fail("This account cannot log in now.");
        }

        if (info.Principal.FindFirstValue(ClaimTypes.Email) is not { Length: > 0 } email)
        {
            return Fail("The provider did not give an e-mail address.");
        }

        // An address already in use is not taken over: its owner logs in and connects the provider instead.
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Fail("An account already uses this e-mail address. Log in to it, then connect the provider on the External logins page.");
        }

        // The provider vouches for the address, so it counts as verified, as allauth does for verified provider addresses.
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user);
        var added = created.Succeeded ? await users.AddLoginAsync(user, info) : created;
        if (!added.Succeeded)
        {
            return Fail(added.Errors.Select(error => error.Description).ToArray());
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        TempData["Message"] = "Welcome! Your account was created with " + info.ProviderDisplayName + ".";
        return LocalRedirect("/Account/Manage");
    }

    private PageResult Fail(params string[] errors)
    {
        Errors = errors;
        return Page();
    }
}
