using System.Collections.Generic;

namespace SignalGen.Identity;

/// <summary>An account at an external login provider, as allauth's <c>SocialAccount</c>.</summary>
/// <param name="Provider">The provider's scheme name (Identity's <c>LoginProvider</c>), e.g. <c>Google</c>.</param>
/// <param name="Uid">The user's id at the provider (Identity's <c>ProviderKey</c>).</param>
/// <param name="ProviderDisplayName">The provider's display name, if known.</param>
/// <param name="UserId">The local user it is connected to, or null while none is (signup pending).</param>
/// <param name="ExtraData">Profile data the provider returned, by claim type (the last value of each).</param>
public sealed record SocialAccount(
    string Provider,
    string Uid,
    string? ProviderDisplayName,
    string? UserId,
    IReadOnlyDictionary<string, string> ExtraData);

/// <summary>
/// One external login in progress, as allauth's <c>SocialLogin</c>, without the provider's tokens: signals carry no
/// secret. Their names say which the provider issued; read their values with
/// <c>SignInManager.GetExternalLoginInfoAsync()</c> during the login, or, once the login is connected (SignalGen.Identity
/// stores them then, as allauth does), with <c>UserManager.GetAuthenticationTokenAsync(user, provider, name)</c>.
/// </summary>
/// <param name="Account">The external account.</param>
/// <param name="TokenNames">The names of the tokens the provider issued (<c>access_token</c>, <c>refresh_token</c>, <c>expires_at</c>...), when the handler saves them.</param>
/// <param name="EmailAddresses">The e-mail addresses the provider vouched for.</param>
/// <param name="IsExisting">True when the external account is already connected to a local user.</param>
public sealed record SocialLogin(
    SocialAccount Account,
    IReadOnlyList<string> TokenNames,
    IReadOnlyList<string> EmailAddresses,
    bool IsExisting);
