using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace StockHosts;

/// <summary>
/// An OAuth2 provider served by the app itself, so external login runs offline: the app registers it with
/// AddOAuth as it would Google, and its authorize, token and userinfo endpoints live under /test-oauth. The test
/// chooses the account to log in with by adding login_uid, login_email and login_name to the authorize address,
/// as a user picks an account on a provider's page; the code carries that account.
/// </summary>
public static class TestOAuthProvider
{
    public const string Scheme = "TestOAuth";
    public const string DisplayName = "Test OAuth";
    private const string ClientId = "stock-hosts";
    private const string ClientSecret = "stock-hosts-secret";
    private const string CallbackPath = "/signin-testoauth";

    public static AuthenticationBuilder AddTestOAuth(this AuthenticationBuilder builder)
    {
        builder.AddOAuth(Scheme, DisplayName, options =>
        {
            options.ClientId = ClientId;
            options.ClientSecret = ClientSecret;
            options.CallbackPath = CallbackPath;
            options.SaveTokens = true;

            // The tests run the app on plain-HTTP loopback: the handler's default correlation cookie (Secure, SameSite=None) would never come back.
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "sub");
            options.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
            options.ClaimActions.MapJsonKey(ClaimTypes.Name, "name");
            options.Events.OnCreatingTicket = async context =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
                using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                response.EnsureSuccessStatusCode();
                using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
                context.RunClaimActions(user.RootElement);
            };
        });

        // The token and userinfo calls go from the app to itself: their address is known once the server listens.
        builder.Services.AddOptions<OAuthOptions>(Scheme).Configure<IServer>((options, server) =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
            options.AuthorizationEndpoint = address + "/test-oauth/authorize";
            options.TokenEndpoint = address + "/test-oauth/token";
            options.UserInformationEndpoint = address + "/test-oauth/userinfo";
        });
        return builder;
    }

    public static void MapTestOAuthProvider(this IEndpointRouteBuilder app)
    {
        app.MapGet("/test-oauth/authorize", (HttpContext context) =>
        {
            var query = context.Request.Query;
            var expectedCallback = $"{context.Request.Scheme}://{context.Request.Host}{CallbackPath}";
            if (query["client_id"] != ClientId || query["redirect_uri"] != expectedCallback || query["response_type"] != "code")
            {
                return Results.BadRequest("unknown client or redirect_uri");
            }

            if (string.IsNullOrEmpty(query["login_uid"]))
            {
                return Results.Text("Choose an account: add login_uid, login_email and login_name to this address.");
            }

            var account = JsonSerializer.Serialize(new { sub = query["login_uid"].ToString(), email = query["login_email"].ToString(), name = query["login_name"].ToString() });
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(account));
            return Results.Redirect(QueryHelpers.AddQueryString(expectedCallback, new System.Collections.Generic.Dictionary<string, string?>
            {
                ["code"] = code,
                ["state"] = query["state"],
            }));
        });

        app.MapPost("/test-oauth/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["grant_type"] != "authorization_code" || Account(form["code"]) is null)
            {
                return Results.BadRequest(new { error = "invalid_grant" });
            }

            return Results.Json(new { access_token = "at." + form["code"], refresh_token = "rt." + form["code"], token_type = "Bearer", expires_in = 3600 });
        });

        app.MapGet("/test-oauth/userinfo", (HttpContext context) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer at.", StringComparison.Ordinal) && Account(header["Bearer at.".Length..]) is { } account
                ? Results.Text(account, "application/json")
                : Results.Unauthorized();
        });
    }

    private static string? Account(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
