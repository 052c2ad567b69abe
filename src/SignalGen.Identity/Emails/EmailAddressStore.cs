using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace SignalGen.Identity.Emails;

/// <summary>Reads and writes the e-mail address table through the application's context.</summary>
internal interface IEmailAddressStore
{
    Task<List<StoredEmailAddress>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The row of <paramref name="normalizedEmail"/>, whoever owns it, or null.</summary>
    Task<StoredEmailAddress?> FindAsync(string normalizedEmail, CancellationToken cancellationToken);

    void Add(StoredEmailAddress address);

    void Remove(StoredEmailAddress address);

    Task SaveAsync(CancellationToken cancellationToken);
}

/// <summary>The EF Core store over <typeparamref name="TContext"/>, which maps the table with <c>MapEmailAddresses()</c>.</summary>
internal sealed class EmailAddressStore<TContext>(TContext context) : IEmailAddressStore
    where TContext : DbContext
{
    private DbSet<StoredEmailAddress> Addresses => context.Set<StoredEmailAddress>();

    public Task<List<StoredEmailAddress>> ListAsync(string userId, CancellationToken cancellationToken) =>
        Addresses.Where(address => address.UserId == userId)
            .OrderByDescending(address => address.Primary)
            .ThenBy(address => address.Id)
            .ToListAsync(cancellationToken);

    public Task<StoredEmailAddress?> FindAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Addresses.FirstOrDefaultAsync(address => address.NormalizedEmail == normalizedEmail, cancellationToken);

    public void Add(StoredEmailAddress address) => Addresses.Add(address);

    public void Remove(StoredEmailAddress address) => Addresses.Remove(address);

    public Task SaveAsync(CancellationToken cancellationToken) => context.SaveChangesAsync(cancellationToken);
}
