using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AuthSample.Receivers;

/// <summary>A visitor arriving with <c>?ref=CODE</c> keeps the code in the session until signup reads it.</summary>
public static class Referrals
{
    private const string SessionKey = "referral";

    /// <summary>Stores a <c>ref</c> query value in the session (the last one wins).</summary>
    public static IApplicationBuilder UseReferrals(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query["ref"] is [{ Length: > 0 and <= 64 } code])
        {
            context.Session.SetString(SessionKey, code);
        }

        await next(context);
    });

    /// <summary>The referral code of this visitor's session, if any.</summary>
    public static string? Read(HttpContext context) => context.Session.GetString(SessionKey);
}
