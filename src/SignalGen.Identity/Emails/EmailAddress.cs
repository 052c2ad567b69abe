using System;

namespace SignalGen.Identity;

/// <summary>
/// One of a user's e-mail addresses, as allauth's <c>EmailAddress</c>: Identity keeps one address per
/// user (<c>user.Email</c>, the primary one here); SignalGen.Identity stores the others beside it.
/// </summary>
/// <param name="UserId">The owner's Identity user id.</param>
/// <param name="Email">The address as the user wrote it.</param>
/// <param name="Verified">True once the owner proved they receive mail there.</param>
/// <param name="Primary">True for the address Identity knows as the user's <c>Email</c>.</param>
public sealed record EmailAddress(string UserId, string Email, bool Verified, bool Primary);

/// <summary>A verification message sent for an address (allauth's <c>EmailConfirmation</c>, without its secret key).</summary>
/// <param name="EmailAddress">The address being verified.</param>
/// <param name="Sent">When the message was sent.</param>
public sealed record EmailConfirmation(EmailAddress EmailAddress, DateTimeOffset Sent);

/// <summary>
/// Thrown by an <c>AddEmail</c> receiver to refuse an address with a message the user may see. Any other
/// exception refuses it too, with a generic message.
/// </summary>
public sealed class EmailRejectedException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    /// <param name="message">Why the address cannot be added, for the user.</param>
    public EmailRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message shown to the user and its cause.</summary>
    /// <param name="message">Why the address cannot be added, for the user.</param>
    /// <param name="innerException">The cause.</param>
    public EmailRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
