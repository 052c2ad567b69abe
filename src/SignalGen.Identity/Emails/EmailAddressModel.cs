using Microsoft.EntityFrameworkCore;
using SignalGen.Identity.Emails;

namespace SignalGen.Identity;

/// <summary>Maps SignalGen.Identity's e-mail address table in the application's <see cref="DbContext"/>.</summary>
public static class EmailAddressModelBuilderExtensions
{
    /// <summary>The table's name.</summary>
    public const string TableName = "SignalGenEmailAddresses";

    /// <summary>
    /// Adds the table of users' e-mail addresses (<c>SignalGenEmailAddresses</c>) to the model. Call it from
    /// <c>OnModelCreating</c> of the context passed to <c>AddSignals&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="builder">The model builder.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder MapEmailAddresses(this ModelBuilder builder)
    {
        System.ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<StoredEmailAddress>(entity =>
        {
            entity.ToTable(TableName);
            entity.HasKey(address => address.Id);
            entity.Property(address => address.UserId).HasMaxLength(450).IsRequired();
            entity.Property(address => address.Email).HasMaxLength(256).IsRequired();
            entity.Property(address => address.NormalizedEmail).HasMaxLength(256).IsRequired();
            entity.HasIndex(address => address.NormalizedEmail).IsUnique();
            entity.HasIndex(address => address.UserId);
        });
        return builder;
    }
}
