using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignalGen.Identity;

namespace AuthSample.Pages.Account.Manage;

/// <summary>The user's addresses: add, remove, make primary, resend the confirmation.</summary>
public sealed class EmailsModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, EmailAddressManager<AppUser> emails) : PageModel
{
    /// <summary>The address a form acts on.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The user's addresses, primary first.</summary>
    public IReadOnlyList<EmailAddress> Addresses { get; private set; } = [];

    /// <summary>Why an action failed.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Lists the addresses.</summary>
    public async Task OnGetAsync() => Addresses = await emails.GetAddressesAsync(await CurrentUserAsync());

    /// <summary>Adds an address (AddEmail, EmailAdded) and sends its confirmation (EmailConfirmationSent).</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        var user = await CurrentUserAsync();
        var email = Email.Trim();
        var result = await emails.AddAsync(user, email);
        if (result.Succeeded)
        {
            await SendConfirmationAsync(user, email);
        }

        return await DoneAsync(user, result, "Added " + email + "; we sent it a confirmation link.");
    }

    /// <summary>Removes a secondary address (EmailRemoved).</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var user = await CurrentUserAsync();
        return await DoneAsync(user, await emails.RemoveAsync(user, Email), "Removed " + Email + ".");
    }

    /// <summary>Makes a verified address primary (EmailChanged).</summary>
    public async Task<IActionResult> OnPostMakePrimaryAsync()
    {
        var user = await CurrentUserAsync();
        var previous = user.Email;
        var result = await emails.SetPrimaryAsync(user, Email);
        if (result.Succeeded)
        {
            // Here the user name is the primary address (as in Identity's own UI): it follows the change.
            if (string.Equals(user.UserName, previous, System.StringComparison.OrdinalIgnoreCase))
            {
                result = await users.SetUserNameAsync(user, user.Email);
            }

            // The cookie carries the user's name and security stamp; re-issue it.
            await signIn.RefreshSignInAsync(user);
        }

        return await DoneAsync(user, result, Email + " is now your primary address.");
    }

    /// <summary>Sends the confirmation again, unless one was sent a moment ago.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await CurrentUserAsync();

        // The form names the address: one that is not the user's is an error on the page, not a server error.
        if (!(await emails.GetAddressesAsync(user)).Any(address => string.Equals(address.Email, Email, System.StringComparison.OrdinalIgnoreCase)))
        {
            return await DoneAsync(user, IdentityResult.Failed(new IdentityError { Code = "NotYourAddress", Description = Email + " is not one of your addresses." }), string.Empty);
        }

        var sent = await SendConfirmationAsync(user, Email);
        return await DoneAsync(user, IdentityResult.Success, sent ? "We sent a new confirmation link to " + Email + "." : "A confirmation link was sent a moment ago; wait a few minutes before asking again.");
    }

    private Task<bool> SendConfirmationAsync(AppUser user, string email) =>
        emails.SendConfirmationAsync(user, email, token => ConfirmEmailModel.Link(Url, Request, user.Id, email, token));

    private async Task<IActionResult> DoneAsync(AppUser user, IdentityResult result, string message)
    {
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(error => error.Description).ToList();
            Addresses = await emails.GetAddressesAsync(user);
            return Page();
        }

        TempData["Message"] = message;
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new System.InvalidOperationException("The page requires a signed-in user.");
}
