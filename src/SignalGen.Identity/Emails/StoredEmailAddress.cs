using System;

// The one type outside the SignalGen.Identity namespace, and internal: its full name is the entity type name that every
// app's EF Core migration snapshot records (modelBuilder.Entity("SignalGen.Identity.Emails.StoredEmailAddress", ...)).
namespace SignalGen.Identity.Emails;

/// <summary>A row of the e-mail address table. Storage only: receivers see <see cref="EmailAddress"/>.</summary>
internal sealed class StoredEmailAddress
{
    public int Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>Identity's normalized form, unique across users: one address belongs to one user.</summary>
    public string NormalizedEmail { get; set; } = string.Empty;

    public bool Verified { get; set; }

    public bool Primary { get; set; }

    /// <summary>When the last verification message went out, for the resend limit.</summary>
    public DateTimeOffset? ConfirmationSent { get; set; }

    public EmailAddress ToEmailAddress() => new(UserId, Email, Verified, Primary);
}
