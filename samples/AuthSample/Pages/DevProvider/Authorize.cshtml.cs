using AuthSample.DevProvider;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AuthSample.Pages.DevProvider;

/// <summary>The development provider's consent page: the user enters the identity, the page returns a code to the callback.</summary>
public sealed class AuthorizeModel(DevelopmentTools tools, DevProviderCodes codes, IOptionsMonitor<DevProviderOptions> options) : PageModel
{
    /// <summary>The handler's protected state, passed back untouched.</summary>
    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "";

    /// <summary>The user id at the provider.</summary>
    [BindProperty]
    public string Uid { get; set; } = "dev-" + System.Guid.NewGuid().ToString("N")[..8];

    /// <summary>The address the provider vouches for.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The display name.</summary>
    [BindProperty]
    public string Name { get; set; } = "Dev User";

    /// <summary>Shows the form (404 when the development tools are off).</summary>
    public IActionResult OnGet() => tools.Enabled ? Page() : NotFound();

    /// <summary>Returns to the app's callback with a code for the identity.</summary>
    public IActionResult OnPost()
    {
        if (!tools.Enabled)
        {
            return NotFound();
        }

        var code = codes.Issue(new DevIdentity(Uid.Trim(), Email.Trim(), Name.Trim()), State);
        return Redirect(QueryHelpers.AddQueryString(Callback(), new System.Collections.Generic.Dictionary<string, string?> { ["state"] = State, ["code"] = code }));
    }

    /// <summary>Returns to the callback refusing the login, as a provider does when the user cancels.</summary>
    public IActionResult OnPostDeny() =>
        tools.Enabled
            ? Redirect(QueryHelpers.AddQueryString(Callback(), new System.Collections.Generic.Dictionary<string, string?> { ["state"] = State, ["error"] = "access_denied" }))
            : NotFound();

    private string Callback() => Request.PathBase + options.Get(DevProviderOptions.Scheme).CallbackPath;
}
