using System;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignalGen.Identity.Emails;

namespace SignalGen.Identity;

/// <summary>
/// Whether the application's database has SignalGen.Identity's table, and the set-up error that names it and
/// the fix when it has not: without it, Identity's flows would fail inside a sign-up with the provider's raw
/// error ("no such table"). Checked once per process: after the first successful read, a field read.
/// </summary>
/// <typeparam name="TContext">The application's context.</typeparam>
internal sealed class EmailAddressTable<TContext>
    where TContext : DbContext
{
    private volatile bool _present;

    /// <summary>Throws the set-up error unless the table can be read. Called before anything is written.</summary>
    public async Task EnsureAsync(TContext context, CancellationToken cancellationToken)
    {
        if (_present)
        {
            return;
        }

        if (await TryReadAsync(context, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw Missing(failure);
        }
    }

    /// <summary>Reads the table; returns the provider's error when it cannot, null when it can (or the provider has no tables).</summary>
    public async Task<DbException?> TryReadAsync(TContext context, CancellationToken cancellationToken)
    {
        if (!context.Database.IsRelational())
        {
            _present = true;
            return null;
        }

        RequireMapping(context);
        if (await TryReadTableAsync(context, typeof(StoredEmailAddress), cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        _present = true;
        return null;
    }

    /// <summary>
    /// Reads no row of the table <paramref name="entityType"/> maps to: the provider's error when the table is not
    /// there. A plain command on the context's connection rather than a query: EF Core would log the expected
    /// failure as an error with its stack, above the one message that says what to do.
    /// </summary>
    internal static async Task<DbException?> TryReadTableAsync(DbContext context, Type entityType, CancellationToken cancellationToken)
    {
        var entity = context.Model.FindEntityType(entityType)!;
        var table = context.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var database = context.Database;
        var opened = database.GetDbConnection().State != ConnectionState.Open;
        try
        {
            if (opened)
            {
                await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT 1 FROM " + table + " WHERE 1 = 0";
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbException exception)
        {
            return exception;
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The context must map the table (<c>MapEmailAddresses()</c>): EF Core's own error would not say which call is missing.</summary>
    public static void RequireMapping(TContext context)
    {
        if (context.Model.FindEntityType(typeof(StoredEmailAddress)) is null)
        {
            throw new InvalidOperationException(
                "SignalGen.Identity stores e-mail addresses in " + typeof(TContext).Name + ", whose model does not map them. Call "
                + "builder.MapEmailAddresses() in " + typeof(TContext).Name + ".OnModelCreating, after base.OnModelCreating(builder) "
                + "(using SignalGen.Identity;), then add a migration for its table " + EmailAddressModelBuilderExtensions.TableName + ".");
        }
    }

    public static InvalidOperationException Missing(DbException failure) => new(
        "SignalGen.Identity's table " + EmailAddressModelBuilderExtensions.TableName + " cannot be read from the database of "
        + typeof(TContext).Name + " (" + failure.Message.TrimEnd('.') + "). Create it with a migration, in the project that holds "
        + typeof(TContext).Name + ": dotnet ef migrations add AddSignalGenEmailAddresses, then apply it: dotnet ef database update "
        + "(or context.Database.Migrate() at start-up). See \"Set up\" in SignalGen.Identity's docs (docs/identity.md).",
        failure);
}

/// <summary>
/// Stops the app at start-up when its database lacks the table and nothing the app does later can add it: every
/// migration of the context is applied (or it has none) and Identity's own users table is there. A database not
/// yet created or migrated is left to the app (its start-up migration, the templates' migrations page); the
/// first operation that needs the table then checks again, before writing anything.
/// </summary>
/// <typeparam name="TContext">The application's context.</typeparam>
/// <typeparam name="TUser">The application's user type.</typeparam>
internal sealed class EmailAddressTableStartupCheck<TContext, TUser>(IServiceScopeFactory scopes, EmailAddressTable<TContext> table) : IHostedService
    where TContext : DbContext
    where TUser : class
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await table.TryReadAsync(context, cancellationToken).ConfigureAwait(false) is not { } failure)
        {
            return;
        }

        try
        {
            if ((await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
            {
                return;
            }

        }
        catch (DbException)
        {
            // The database itself is not ready (not created, not reachable): the app's business, not ours to stop.
            return;
        }

        if (await EmailAddressTable<TContext>.TryReadTableAsync(context, typeof(TUser), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        throw EmailAddressTable<TContext>.Missing(failure);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
