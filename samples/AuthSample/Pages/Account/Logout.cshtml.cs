using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account;

/// <summary>Logout, by POST only so no link or image can log a user out.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>Shows the button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Logs out (UserLoggedOut, before the cookie is cleared).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Message"] = "You are logged out.";
        return RedirectToPage("/Index");
    }
}
