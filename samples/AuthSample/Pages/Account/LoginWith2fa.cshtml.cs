using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account;

/// <summary>The second login step: a TOTP code, or a recovery code.</summary>
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The code.</summary>
    [BindProperty]
    public string Code { get; set; } = "";

    /// <summary>Where to go after login (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the code was refused.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Only after the password step.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    /// <summary>Verifies the code (AuthenticationStepCompleted, method mfa) and logs in (UserLoggedIn).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        // Six digits come from the app; anything else is a recovery code, which Identity stores with its dash.
        var code = Code.Replace(" ", "", System.StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/Account/Manage");
        }

        Errors = [result.IsLockedOut ? "This account is locked after too many failed attempts; try again later." : "Invalid code."];
        return Page();
    }
}
