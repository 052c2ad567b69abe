using System;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;

namespace AuthSample.Mail;

/// <summary>
/// Identity's e-mail sender for development: stores each message in the database, where the mail sink page
/// (/mail) lists them with their links, so confirmation and password reset work without a mail server.
/// </summary>
public sealed class MailSink(AppDbContext db, TimeProvider time) : IEmailSender<AppUser>
{
    /// <inheritdoc/>
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        StoreAsync(email, "Confirm your e-mail address", "Open the link to confirm this address.", confirmationLink);

    /// <inheritdoc/>
    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        StoreAsync(email, "Reset your password", "Open the link to choose a new password.", resetLink);

    /// <inheritdoc/>
    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        StoreAsync(email, "Your password reset code", "Your code: " + resetCode, null);

    private async Task StoreAsync(string to, string subject, string body, string? link)
    {
        db.SentEmails.Add(new SentEmail { At = time.GetUtcNow(), To = to, Subject = subject, Body = body, Link = link });
        await db.SaveChangesAsync();
    }
}
