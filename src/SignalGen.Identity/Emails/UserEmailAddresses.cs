using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using SignalGen.Identity.Emails;

namespace SignalGen.Identity;

/// <summary>
/// The one owner of the users' e-mail address rows (the <c>SignalGenEmailAddresses</c> table): the user manager, the
/// e-mail address manager and the address validator read and write them only through it. Its rules: Identity owns
/// the primary address (<c>user.Email</c> and <c>EmailConfirmed</c>), so the row of that address exists, is the only
/// primary one and carries its verified flag (<see cref="SyncAsync"/>); a user and their first row are created in one
/// transaction; an address belongs to one user. Scoped, so what it knows of the request (the users created in it) is
/// the same for every manager of the request.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
internal sealed class UserEmailAddresses<TUser>(IEmailAddressStore store, IUserStore<TUser> userStore)
    where TUser : class
{
    private readonly HashSet<string> _createdInThisScope = new(StringComparer.Ordinal);

    /// <summary>True when the user <paramref name="userId"/> was created in this request (through <see cref="CreateUserAsync"/>): its messages are signup messages.</summary>
    public bool WasCreatedInThisScope(string userId) => _createdInThisScope.Contains(userId);

    /// <summary>
    /// Runs <paramref name="operation"/> and, when it succeeds, <paramref name="plan"/>, which names the signals it sends, in
    /// one transaction: the signals' durable receivers' messages are staged in it, so they commit with the operation's
    /// change or not at all; the other receivers run after the commit. With no durable receiver among
    /// <paramref name="durable"/> (the application has none), no transaction is opened and the signals are sent after the
    /// operation, as without durable receivers.
    /// </summary>
    public async Task<IdentityResult> RunAsync(Func<Task<IdentityResult>> operation, Func<OperationSignals, Task> plan, bool durable, CancellationToken cancellationToken)
    {
        var signals = new OperationSignals(cancellationToken);
        IdentityResult result;
        if (!durable)
        {
            result = await operation().ConfigureAwait(false);
            if (result.Succeeded)
            {
                await plan(signals).ConfigureAwait(false);
            }
        }
        else
        {
            await using var transaction = await store.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            result = await operation().ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            await plan(signals).ConfigureAwait(false);
            await signals.StageAsync().ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await signals.SendInProcessAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>Throws the set-up error that names the table and the fix when the database lacks it.</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken) => store.EnsureTableAsync(cancellationToken);

    /// <summary>The row of <paramref name="normalizedEmail"/>, whoever owns it, or null.</summary>
    public Task<StoredEmailAddress?> FindAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        store.FindAsync(normalizedEmail, cancellationToken);

    /// <summary>
    /// Creates the user through <paramref name="create"/> (Identity's own creation) and records its address as its primary
    /// row, in one transaction: a failure leaves neither row. <paramref name="beforeCommit"/> runs in that transaction once
    /// both are written (it stages the durable receivers' messages of <c>UserSignedUp</c>). Fails before writing anything
    /// when the table is missing.
    /// </summary>
    public async Task<IdentityResult> CreateUserAsync(UserManager<TUser> users, TUser user, Func<Task<IdentityResult>> create, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        await store.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        IdentityResult result;
        await using (var transaction = await store.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await create().ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            await SyncAsync(users, user, cancellationToken).ConfigureAwait(false);
            if (beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _createdInThisScope.Add(await users.GetUserIdAsync(user).ConfigureAwait(false));
        return result;
    }

    /// <summary>
    /// Makes the user's rows agree with Identity, which owns the primary address (<c>user.Email</c> and
    /// <c>EmailConfirmed</c>): its row exists, is the only primary one and carries its verified flag.
    /// Returns the rows, the primary one first.
    /// </summary>
    public async Task<List<StoredEmailAddress>> SyncAsync(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
    {
        var userId = await users.GetUserIdAsync(user).ConfigureAwait(false);
        var email = await users.GetEmailAsync(user).ConfigureAwait(false);
        var normalized = email is null ? null : users.NormalizeEmail(email);
        var confirmed = await users.IsEmailConfirmedAsync(user).ConfigureAwait(false);
        var rows = await store.ListAsync(userId, cancellationToken).ConfigureAwait(false);
        StoredEmailAddress? primary = null;
        foreach (var address in rows)
        {
            address.Primary = address.NormalizedEmail == normalized;
            if (address.Primary)
            {
                address.Email = email!;
                address.Verified = confirmed;
                primary = address;
            }
        }

        if (primary is null && email is not null)
        {
            primary = new StoredEmailAddress { UserId = userId, Email = email, NormalizedEmail = normalized!, Verified = confirmed, Primary = true };
            store.Add(primary);
            rows.Add(primary);
        }

        // EF Core writes only what changed: nothing, when the rows already agreed.
        await store.SaveAsync(cancellationToken).ConfigureAwait(false);
        if (primary is not null)
        {
            rows.Remove(primary);
            rows.Insert(0, primary);
        }

        return rows;
    }

    /// <summary>The primary row of rows from <see cref="SyncAsync"/>, or null when the user has no address.</summary>
    public static StoredEmailAddress? Primary(List<StoredEmailAddress> rows) => rows.Count > 0 && rows[0].Primary ? rows[0] : null;

    /// <summary>Stores a new secondary, unverified address.</summary>
    public async Task AddAsync(StoredEmailAddress address, CancellationToken cancellationToken)
    {
        store.Add(address);
        await store.SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an address's row.</summary>
    public async Task RemoveAsync(StoredEmailAddress address, CancellationToken cancellationToken)
    {
        store.Remove(address);
        await store.SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what changed in rows read through this owner (a verified flag, a confirmation's time).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => store.SaveAsync(cancellationToken);

    /// <summary>
    /// Makes <paramref name="address"/> Identity's (verified) <c>Email</c>, through the user store: the manager's
    /// <c>SetEmailAsync</c> would mark it unconfirmed.
    /// </summary>
    public async Task<IdentityResult> SetPrimaryAsync(UserManager<TUser> users, TUser user, StoredEmailAddress address, CancellationToken cancellationToken)
    {
        var emails = EmailStore;
        await emails.SetEmailAsync(user, address.Email, cancellationToken).ConfigureAwait(false);
        await emails.SetNormalizedEmailAsync(user, address.NormalizedEmail, cancellationToken).ConfigureAwait(false);
        await emails.SetEmailConfirmedAsync(user, true, cancellationToken).ConfigureAwait(false);
        return await users.UpdateAsync(user).ConfigureAwait(false);
    }

    /// <summary>Sets Identity's <c>EmailConfirmed</c> once the primary address was verified another way than Identity's token.</summary>
    public async Task<IdentityResult> MarkPrimaryVerifiedAsync(UserManager<TUser> users, TUser user, CancellationToken cancellationToken)
    {
        await EmailStore.SetEmailConfirmedAsync(user, true, cancellationToken).ConfigureAwait(false);
        return await users.UpdateAsync(user).ConfigureAwait(false);
    }

    private IUserEmailStore<TUser> EmailStore =>
        userStore as IUserEmailStore<TUser> ?? throw new NotSupportedException("The user store does not store e-mail addresses (IUserEmailStore).");
}
