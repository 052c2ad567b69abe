using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account;

/// <summary>The page a reset link opens.</summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PageModel
{
    /// <summary>The user.</summary>
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = "";

    /// <summary>The reset token from the message.</summary>
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    /// <summary>The new password.</summary>
    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>True once reset.</summary>
    public bool Done { get; private set; }

    /// <summary>Why the reset failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Resets the password (PasswordReset, then AuthenticationStepCompleted with method password_reset).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, Token, Password);
        Done = result.Succeeded;
        Errors = result.Errors.Select(error => error.Description).ToList();
        return Page();
    }
}
