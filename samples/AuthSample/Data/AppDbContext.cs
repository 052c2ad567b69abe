using AuthSample.Mail;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SignalGen.Identity;

namespace AuthSample.Data;

/// <summary>Identity's tables, SignalGen.Identity's extra addresses, the receivers' rows and the mail sink.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    /// <summary>One per user, created on signup.</summary>
    public DbSet<Profile> Profiles => Set<Profile>();

    /// <summary>Every login.</summary>
    public DbSet<LoginActivity> LoginActivity => Set<LoginActivity>();

    /// <summary>Every step with a second factor.</summary>
    public DbSet<MfaUse> MfaUses => Set<MfaUse>();

    /// <summary>The users' security logs.</summary>
    public DbSet<SecurityLogEntry> SecurityLog => Set<SecurityLogEntry>();

    /// <summary>The development mail sink's messages.</summary>
    public DbSet<SentEmail> SentEmails => Set<SentEmail>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.MapEmailAddresses();
        builder.Entity<Profile>().HasKey(profile => profile.UserId);
        builder.Entity<LoginActivity>().ToTable("LoginActivity").HasIndex(row => row.UserId);
        builder.Entity<MfaUse>().HasIndex(row => row.UserId);
        builder.Entity<SecurityLogEntry>().ToTable("SecurityLog").HasIndex(row => row.UserId);

        // SQLite cannot order by DateTimeOffset; the pages sort by id, which follows time.
    }
}
