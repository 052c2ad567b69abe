using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SignalGen.Identity;

/// <summary>
/// Signals that wait for the request to complete, because what they report happens in the app's own code after
/// the Identity call that foresees it:
/// <list type="bullet">
/// <item><c>EmailConfirmationSent</c>: Identity's pages and endpoints make a confirmation token through the user
/// manager, then hand the message to the app's own <c>IEmailSender</c>. The signal cannot come from a wrapper
/// around that sender: the templates' pages test the sender's type (their development link appears only for their
/// no-op sender), a wrapper would hide it, and a sender registered after <c>AddSignals&lt;TContext&gt;()</c> could not
/// be wrapped at all. Once the request completed successfully, the page or endpoint has returned, and the
/// sender's call with it.</item>
/// <item><c>UserSignedUp</c> of an external signup, when the page did not connect the login it was made for (it is
/// sent when it does): the user exists either way.</item>
/// </list>
/// <see cref="AfterRequestSignalsStartupFilter"/> sends them.
/// </summary>
internal sealed class AfterRequestSignals
{
    private readonly List<(string Key, bool OnlyOnSuccess, Func<ValueTask> Send)> _signals = [];

    /// <summary>Adds a signal, replacing one of the same key: one signal per key and request, the last one's.</summary>
    public static void Add(HttpContext request, string key, bool onlyOnSuccess, Func<ValueTask> send)
    {
        var signals = request.Features.Get<AfterRequestSignals>();
        if (signals is null)
        {
            signals = new AfterRequestSignals();
            request.Features.Set(signals);
        }

        signals._signals.RemoveAll(signal => signal.Key == key);
        signals._signals.Add((key, onlyOnSuccess, send));
    }

    /// <summary>Drops the signal of <paramref name="key"/>: what it stood in for was sent another way.</summary>
    public static void Remove(HttpContext request, string key) =>
        request.Features.Get<AfterRequestSignals>()?._signals.RemoveAll(signal => signal.Key == key);

    /// <summary>
    /// True when a confirmation token made in this request goes out by mail. Identity's pages and endpoints send
    /// mail only from posts; a GET that makes a token shows it (the templates' RegisterConfirmation page does, for
    /// their no-op sender), so it sends nothing.
    /// </summary>
    public static bool IsMailingRequest(HttpContext request)
    {
        var method = request.Request.Method;
        return !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
    }

    /// <summary>Sends the signals in the order they were added; those only for a success when the request succeeded.</summary>
    public async Task SendAsync(bool succeeded)
    {
        var signals = _signals.ToArray();
        _signals.Clear();
        foreach (var (_, onlyOnSuccess, send) in signals)
        {
            if (succeeded || !onlyOnSuccess)
            {
                await send().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// Sends a request's <see cref="AfterRequestSignals"/> once it completed: those that report a success only when it
/// succeeded (no exception, a status below 400: a sender that threw, or a page that failed after the mail, sends
/// nothing). A startup filter, so it wraps the whole pipeline whatever the app's own middleware order.
/// </summary>
internal sealed class AfterRequestSignalsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(SendAfterRequestAsync);
        next(app);
    };

    internal static async Task SendAfterRequestAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            if (context.Features.Get<AfterRequestSignals>() is { } failed)
            {
                await failed.SendAsync(succeeded: false).ConfigureAwait(false);
            }

            throw;
        }

        if (context.Features.Get<AfterRequestSignals>() is { } completed)
        {
            await completed.SendAsync(context.Response.StatusCode < StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }
    }
}
