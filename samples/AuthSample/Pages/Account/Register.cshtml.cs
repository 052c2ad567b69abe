using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignalGen.Identity;

namespace AuthSample.Pages.Account;

/// <summary>Signup with an e-mail address and a password; sends the verification message and logs the user in.</summary>
public sealed class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, EmailAddressManager<AppUser> emails) : PageModel
{
    /// <summary>The address, which is also the user name.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The password.</summary>
    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>Why signup failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Creates the user (UserSignedUp), sends the verification message (EmailConfirmationSent), logs in (UserLoggedIn).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = new AppUser { UserName = Email.Trim(), Email = Email.Trim() };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(error => error.Description).ToList();
            return Page();
        }

        await emails.SendConfirmationAsync(user, user.Email, token => ConfirmEmailModel.Link(Url, Request, user.Id, user.Email, token));
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = "Welcome! We sent a confirmation link to " + user.Email + " (see the mail sink).";
        return RedirectToPage("/Account/Manage/Index");
    }
}
