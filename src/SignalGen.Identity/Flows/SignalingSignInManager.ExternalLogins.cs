using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;

namespace SignalGen.Identity;

/// <summary>
/// Sign-in with an external login (allauth's social login): the login read once per request, the signals sent before
/// Identity signs in with it, and the external login a later sign-in completes (<c>UserLoggedIn</c>'s <c>socialLogin</c>).
/// </summary>
public partial class SignalingSignInManager<TUser>
{
    private ExternalLoginInfo? _externalLogin;
    private SocialLogin? _socialLogin;

    /// <summary>Reads the external login once per request: the sign-in and the signals need the same one.</summary>
    /// <inheritdoc/>
    public override async Task<ExternalLoginInfo?> GetExternalLoginInfoAsync(string? expectedXsrf = null)
    {
        _externalLogin = await base.GetExternalLoginInfoAsync(expectedXsrf).ConfigureAwait(false);
        if (_externalLogin is not null)
        {
            CurrentExternalLogin.Set(Context, _externalLogin);
        }

        return _externalLogin;
    }

    /// <summary>
    /// Signs in with an external login. For a login already connected to a user: refreshes its stored tokens,
    /// sends <c>SocialAccountUpdated</c>, <c>PreSocialLogin</c> and the <c>socialaccount</c> step, then signs in
    /// (<c>UserLoggedIn</c>). For an unknown login, sends <c>PreSocialLogin</c> before Identity reports the
    /// failure that leads to signup.
    /// </summary>
    /// <inheritdoc/>
    public override async Task<SignInResult> ExternalLoginSignInAsync(string loginProvider, string providerKey, bool isPersistent, bool bypassTwoFactor)
    {
        var info = _externalLogin is { } cached && cached.LoginProvider == loginProvider && cached.ProviderKey == providerKey
            ? cached
            : new ExternalLoginInfo(new ClaimsPrincipal(), loginProvider, providerKey, loginProvider);
        var user = await UserManager.FindByLoginAsync(loginProvider, providerKey).ConfigureAwait(false);
        if (user is null)
        {
            await _sender.Signals.SendAsync(new PreSocialLogin(Context, SocialLogins.From(info, userId: null, isExisting: false))).ConfigureAwait(false);
            return await base.ExternalLoginSignInAsync(loginProvider, providerKey, isPersistent, bypassTwoFactor).ConfigureAwait(false);
        }

        if (info.AuthenticationTokens is not null)
        {
            await UpdateExternalAuthenticationTokensAsync(info).ConfigureAwait(false);
        }

        var socialLogin = SocialLogins.From(info, await UserManager.GetUserIdAsync(user).ConfigureAwait(false), isExisting: true);
        await _sender.Signals.SendAsync(new SocialAccountUpdated(Context, socialLogin)).ConfigureAwait(false);
        await _sender.Signals.SendAsync(new PreSocialLogin(Context, socialLogin)).ConfigureAwait(false);
        await SendStepAsync(user, new SocialAccountStep(loginProvider, providerKey)).ConfigureAwait(false);
        _socialLogin = socialLogin;
        try
        {
            return await base.ExternalLoginSignInAsync(loginProvider, providerKey, isPersistent, bypassTwoFactor).ConfigureAwait(false);
        }
        finally
        {
            _socialLogin = null;
        }
    }

    /// <summary>
    /// The external login a sign-in completes: the connected login <c>ExternalLoginSignInAsync</c> signs in with, or,
    /// after an external signup, the request's external login when the sign-in names its provider as the
    /// authentication method (as the templates' <c>SignInAsync(user, isPersistent, info.LoginProvider)</c> does).
    /// </summary>
    private async Task<SocialLogin?> SocialLoginOfAsync(TUser user, IEnumerable<Claim> additionalClaims)
    {
        if (_socialLogin is not null)
        {
            return _socialLogin;
        }

        if (CurrentExternalLogin.Of(Context) is not { } info)
        {
            return null;
        }

        foreach (var claim in additionalClaims)
        {
            if (claim.Type == ClaimTypes.AuthenticationMethod && claim.Value == info.LoginProvider)
            {
                return SocialLogins.From(info, await UserManager.GetUserIdAsync(user).ConfigureAwait(false), isExisting: true);
            }
        }

        return null;
    }
}
