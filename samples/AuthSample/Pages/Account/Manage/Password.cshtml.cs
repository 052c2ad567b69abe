using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account.Manage;

/// <summary>Changes the password, or sets a first one for an account created by an external login.</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The current password (change only).</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string NewPassword { get; set; } = "";

    /// <summary>Whether the account has a password yet.</summary>
    public bool HasPassword { get; private set; }

    /// <summary>Why the change failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Shows the form that fits the account.</summary>
    public async Task OnGetAsync() => HasPassword = await users.HasPasswordAsync(await CurrentUserAsync());

    /// <summary>
    /// Changes the password (PasswordChanged: its receiver signs out the other sessions and keeps this one) or sets
    /// one (PasswordSet).
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        HasPassword = await users.HasPasswordAsync(user);
        var result = HasPassword
            ? await users.ChangePasswordAsync(user, CurrentPassword ?? "", NewPassword)
            : await users.AddPasswordAsync(user, NewPassword);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(error => error.Description).ToList();
            return Page();
        }

        if (!HasPassword)
        {
            // AddPasswordAsync renews the security stamp: re-issue this session's cookie.
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Message"] = HasPassword ? "Your password was changed; your other sessions are signed out." : "Your password was set.";
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new System.InvalidOperationException("The page requires a signed-in user.");
}
