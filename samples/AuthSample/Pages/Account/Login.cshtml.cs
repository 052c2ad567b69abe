using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace AuthSample.Pages.Account;

/// <summary>Login with e-mail and password; lockout after repeated failures; a second factor when enabled.</summary>
public sealed class LoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The address.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The password.</summary>
    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>Where to go after login (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why login failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The external login providers.</summary>
    public IReadOnlyList<AuthenticationScheme> Providers { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync() => Providers = (await signIn.GetExternalAuthenticationSchemesAsync()).ToList();

    /// <summary>Checks the password (AuthenticationStepCompleted), then logs in (UserLoggedIn) or asks for the second factor.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email.Trim()) ?? await users.FindByNameAsync(Email.Trim());
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/Account/Manage";
        if (result.Succeeded)
        {
            return LocalRedirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl });
        }

        Errors = [result.IsLockedOut ? "This account is locked after too many failed attempts; try again later." : "Invalid login attempt."];
        Providers = (await signIn.GetExternalAuthenticationSchemesAsync()).ToList();
        return Page();
    }
}
