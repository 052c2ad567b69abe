using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace StockHosts;

/// <summary>
/// The app's e-mail sender in the acceptance tests: writes every message to the file STOCKHOSTS_MAIL names, so a test
/// follows the confirmation and reset links as a user would from their inbox.
/// </summary>
public sealed class CapturedMailSender(IHttpContextAccessor accessor) : IEmailSender
{
    /// <summary>The Razor Pages UI's sender: a subject and an HTML body holding the link.</summary>
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        Write(accessor, email, subject, htmlMessage);

    internal static Task Write(IHttpContextAccessor accessor, string to, string kind, string body)
    {
        StockHostJournal.Append("STOCKHOSTS_MAIL", StockHostJournal.TagOf(accessor.HttpContext), new JsonObject
        {
            ["to"] = to,
            ["kind"] = kind,
            ["body"] = body,
        });
        return Task.CompletedTask;
    }
}

/// <summary>Identity's typed sender (Blazor components, MapIdentityApi): the kind of message and its link or code.</summary>
public sealed class CapturedMailSender<TUser>(IHttpContextAccessor accessor) : IEmailSender<TUser>
    where TUser : class
{
    public Task SendConfirmationLinkAsync(TUser user, string email, string confirmationLink) =>
        CapturedMailSender.Write(accessor, email, "ConfirmationLink", confirmationLink);

    public Task SendPasswordResetLinkAsync(TUser user, string email, string resetLink) =>
        CapturedMailSender.Write(accessor, email, "PasswordResetLink", resetLink);

    public Task SendPasswordResetCodeAsync(TUser user, string email, string resetCode) =>
        CapturedMailSender.Write(accessor, email, "PasswordResetCode", resetCode);
}
