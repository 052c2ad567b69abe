using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthSample.Pages.Account;

/// <summary>Sends a password reset link. Says the same whether or not the account exists, so it reveals no accounts.</summary>
public sealed class ForgotPasswordModel(UserManager<AppUser> users, IEmailSender<AppUser> mail) : PageModel
{
    /// <summary>The address.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>True after a request.</summary>
    public bool Sent { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Sends the link when the account exists.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.FindByEmailAsync(Email.Trim()) is { Email: { } email } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = Url.Page("/Account/ResetPassword", pageHandler: null, values: new { userId = user.Id, token }, protocol: Request.Scheme)!;
            await mail.SendPasswordResetLinkAsync(user, email, link);
        }

        Sent = true;
        return Page();
    }
}
