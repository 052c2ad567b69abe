using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignalGen.Identity;

namespace AuthSample.Pages.Account;

/// <summary>The page a verification link opens: confirms one of the user's addresses.</summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users, EmailAddressManager<AppUser> emails) : PageModel
{
    /// <summary>The user the address belongs to.</summary>
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = "";

    /// <summary>The address.</summary>
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    /// <summary>The token from the message.</summary>
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    /// <summary>True once confirmed.</summary>
    public bool Confirmed { get; private set; }

    /// <summary>Why confirmation failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The absolute link a verification message carries.</summary>
    public static string Link(IUrlHelper url, HttpRequest request, string userId, string email, string token) =>
        url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId, email, token }, protocol: request.Scheme)!;

    /// <summary>Shows the address and the button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Confirms the address (EmailConfirmed).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await emails.ConfirmAsync(user, Email, Token);
        Confirmed = result.Succeeded;
        Errors = result.Errors.Select(error => error.Description).ToList();
        return Page();
    }
}
