using System;
using AuthSample.Data;
using AuthSample.Mail;
using SignalGen;
using SignalGen.Durable;
using SignalGen.Identity;

namespace AuthSample.Receivers;

/// <summary>
/// The usage example's welcome mail, as a durable receiver: the signup stages its message with the user row, and
/// Wolverine's worker writes the mail after the signup committed, even when the app died in between. The mail is a
/// row of this app's database written through the worker's context, so it is written exactly once.
/// </summary>
public sealed class WelcomeMail(AppDbContext db, TimeProvider time)
{
    /// <summary>The welcome mail's subject, as the mail sink lists it.</summary>
    public const string Subject = "Welcome to AuthSample";

    /// <summary>Writes the welcome mail; the user is loaded again by the worker (the message holds its id).</summary>
    [Receiver(Signal.UserSignedUp, Durable = true)]
    public void Send(AppUser user, DurableDelivery delivery) =>
        db.SentEmails.Add(new SentEmail
        {
            At = time.GetUtcNow(),
            To = user.Email ?? user.UserName ?? user.Id,
            Subject = Subject,
            Body = "Welcome, " + (user.UserName ?? user.Email) + "! (delivery " + delivery.Id + ")",
        });
}
