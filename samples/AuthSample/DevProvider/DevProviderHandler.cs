using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthSample.DevProvider;

/// <summary>
/// A remote authentication handler as an OAuth one is, with the provider inside the app: the challenge
/// redirects to the consent page with the protected state (correlation cookie included), the callback
/// validates state and correlation and redeems the code. Identity then gets a real <c>ExternalLoginInfo</c>.
/// </summary>
public sealed class DevProviderHandler(
    IOptionsMonitor<DevProviderOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DevProviderCodes codes)
    : RemoteAuthenticationHandler<DevProviderOptions>(options, logger, encoder)
{
    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (string.IsNullOrEmpty(properties.RedirectUri))
        {
            properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        GenerateCorrelationId(properties);
        var state = Options.StateDataFormat.Protect(properties);
        var location = QueryHelpers.AddQueryString(OriginalPathBase + Options.AuthorizePath, "state", state);
        Response.Redirect(location);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task<HandleRequestResult> HandleRemoteAuthenticateAsync() => Task.FromResult(Authenticate());

    private HandleRequestResult Authenticate()
    {
        var query = Request.Query;
        if (Options.StateDataFormat.Unprotect(query["state"]) is not { } properties)
        {
            return HandleRequestResult.Fail("The state was missing or invalid.");
        }

        if (!ValidateCorrelationId(properties))
        {
            return HandleRequestResult.Fail("Correlation failed.", properties);
        }

        if (query["error"] == "access_denied")
        {
            // The user cancelled at the provider: a failure, which OnRemoteFailure turns into a page saying so.
            return HandleRequestResult.Fail("Access was denied at the provider.", properties);
        }

        if (codes.Redeem(query["code"].ToString(), query["state"].ToString()) is not { } identity)
        {
            return HandleRequestResult.Fail("The code was invalid or expired.", properties);
        }

        var claims = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, identity.Uid, ClaimValueTypes.String, ClaimsIssuer),
                new Claim(ClaimTypes.Email, identity.Email, ClaimValueTypes.String, ClaimsIssuer),
                new Claim(ClaimTypes.Name, identity.Name, ClaimValueTypes.String, ClaimsIssuer),
            ],
            ClaimsIssuer);
        return HandleRequestResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), properties, Scheme.Name));
    }
}
