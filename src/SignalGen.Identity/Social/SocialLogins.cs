using System;
using System.Collections.Generic;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace SignalGen.Identity;

/// <summary>Builds <see cref="SocialLogin"/> from what Identity's external login gives.</summary>
internal static class SocialLogins
{
    public static readonly IReadOnlyDictionary<string, string> NoExtraData = new Dictionary<string, string>();

    public static SocialLogin From(ExternalLoginInfo info, string? userId, bool isExisting)
    {
        var extraData = new Dictionary<string, string>(StringComparer.Ordinal);
        var emails = new List<string>();
        foreach (var claim in info.Principal?.Claims ?? [])
        {
            extraData[claim.Type] = claim.Value;
            if (claim.Type == ClaimTypes.Email && !emails.Contains(claim.Value))
            {
                emails.Add(claim.Value);
            }
        }

        var tokens = new List<string>();
        foreach (var token in info.AuthenticationTokens ?? [])
        {
            tokens.Add(token.Name);
        }

        var account = new SocialAccount(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName, userId, extraData);
        return new SocialLogin(account, tokens, emails, isExisting);
    }
}
