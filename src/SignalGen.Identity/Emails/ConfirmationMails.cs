using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SignalGen.Identity.Emails;

/// <summary>
/// The confirmation messages a request is sending: Identity's pages and endpoints make a confirmation token
/// through the user manager, then hand the message to the app's own <c>IEmailSender</c>. The signal cannot come
/// from a wrapper around that sender: the templates' pages test the sender's type (their development link
/// appears only for their no-op sender), a wrapper would hide it, and a sender registered after
/// <c>AddSignals&lt;TContext&gt;()</c> could not be wrapped at all. So each token is noted here, and
/// <see cref="ConfirmationMailStartupFilter"/> sends <c>EmailConfirmationSent</c> once the request that sent the
/// message completed: the page or endpoint has returned, so the sender's call has too.
/// </summary>
internal sealed class ConfirmationMails
{
    private readonly List<(string NormalizedEmail, Func<ValueTask> SendSignal)> _expected = [];

    /// <summary>Notes a message to <paramref name="normalizedEmail"/>; one signal per address and request, the last token's.</summary>
    public static void Expect(HttpContext request, string normalizedEmail, Func<ValueTask> sendSignal)
    {
        var mails = request.Features.Get<ConfirmationMails>();
        if (mails is null)
        {
            mails = new ConfirmationMails();
            request.Features.Set(mails);
        }

        mails._expected.RemoveAll(mail => mail.NormalizedEmail == normalizedEmail);
        mails._expected.Add((normalizedEmail, sendSignal));
    }

    /// <summary>
    /// True when a token made in this request goes out by mail. Identity's pages and endpoints send mail only
    /// from posts; a GET that makes a token shows it (the templates' RegisterConfirmation page does, for
    /// their no-op sender), so it sends nothing.
    /// </summary>
    public static bool IsMailingRequest(HttpContext request)
    {
        var method = request.Request.Method;
        return !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
    }

    /// <summary>Sends the signal of every noted message, in the order the tokens were made.</summary>
    public async Task SendSignalsAsync()
    {
        foreach (var (_, sendSignal) in _expected)
        {
            await sendSignal().ConfigureAwait(false);
        }

        _expected.Clear();
    }
}

/// <summary>
/// Sends the <c>EmailConfirmationSent</c> signals of a request after it completed successfully (no exception,
/// a status below 400: a sender that threw, or a page that failed after the mail, sends nothing). A startup
/// filter, so it wraps the whole pipeline whatever the app's own middleware order.
/// </summary>
internal sealed class ConfirmationMailStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(SendAfterRequestAsync);
        next(app);
    };

    internal static async Task SendAfterRequestAsync(HttpContext context, RequestDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if (context.Features.Get<ConfirmationMails>() is { } mails && context.Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            await mails.SendSignalsAsync().ConfigureAwait(false);
        }
    }
}
