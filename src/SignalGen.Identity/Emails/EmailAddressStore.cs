using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SignalGen.Identity.Emails;

namespace SignalGen.Identity;

/// <summary>Reads and writes the e-mail address table through the application's context.</summary>
internal interface IEmailAddressStore
{
    Task<List<StoredEmailAddress>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The row of <paramref name="normalizedEmail"/>, whoever owns it, or null.</summary>
    Task<StoredEmailAddress?> FindAsync(string normalizedEmail, CancellationToken cancellationToken);

    void Add(StoredEmailAddress address);

    void Remove(StoredEmailAddress address);

    Task SaveAsync(CancellationToken cancellationToken);

    /// <summary>Throws the set-up error that names the table and the fix when the database lacks it.</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction over the user's row and their address rows, so a failure leaves neither; null when
    /// the caller's own transaction is open (theirs covers ours) or the provider retries on failure (EF Core
    /// refuses transactions it did not begin under a retrying execution strategy).
    /// </summary>
    Task<IDbContextTransaction?> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>The EF Core store over <typeparamref name="TContext"/>, which maps the table with <c>MapEmailAddresses()</c>.</summary>
internal sealed class EmailAddressStore<TContext>(TContext context, EmailAddressTable<TContext> table) : IEmailAddressStore
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

    public Task EnsureTableAsync(CancellationToken cancellationToken) => table.EnsureAsync(context, cancellationToken);

    public async Task<IDbContextTransaction?> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var database = context.Database;
        if (!database.IsRelational() || database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null
            || database.CreateExecutionStrategy().RetriesOnFailure)
        {
            return null;
        }

        return await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }
}
