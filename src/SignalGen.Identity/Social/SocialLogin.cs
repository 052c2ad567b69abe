using System.Collections.Generic;
using Microsoft.AspNetCore.Authentication;

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

/// <summary>One external login in progress, as allauth's <c>SocialLogin</c>.</summary>
/// <param name="Account">The external account.</param>
/// <param name="Tokens">The tokens the provider issued (access, refresh, id token...), when the handler saves them.</param>
/// <param name="EmailAddresses">The e-mail addresses the provider vouched for.</param>
/// <param name="IsExisting">True when the external account is already connected to a local user.</param>
public sealed record SocialLogin(
    SocialAccount Account,
    IReadOnlyList<AuthenticationToken> Tokens,
    IReadOnlyList<string> EmailAddresses,
    bool IsExisting);
