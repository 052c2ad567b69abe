using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>A context whose author forgot <c>MapEmailAddresses()</c>.</summary>
public sealed class UnmappedDbContext(DbContextOptions<UnmappedDbContext> options) : IdentityDbContext<AppUser>(options);

/// <summary>
/// The address table is a set-up step (a migration) that an app can miss: it gets an error that names the table
/// and the fix, at start-up when that can be known, and never a user saved without their address row.
/// </summary>
public sealed class EmailAddressTableTests
{
    private const string Table = EmailAddressModelBuilderExtensions.TableName;

    [Fact]
    public async Task StartUp_WhenTheDatabaseHasIdentitysTablesButNotTheAddresses_StopsNamingTheTableAndTheMigration()
    {
        await using var connection = OpenDatabase();
        await CreateSchemaAsync(connection, dropAddressTable: true);
        using var host = BuildHost<AppDbContext>(connection);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("SignalGen.Identity's table " + Table, exception.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef migrations add AddSignalGenEmailAddresses", exception.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef database update", exception.Message, StringComparison.Ordinal);
        Assert.Contains("no such table", exception.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithTheTable_Starts()
    {
        await using var connection = OpenDatabase();
        await CreateSchemaAsync(connection, dropAddressTable: false);
        using var host = BuildHost<AppDbContext>(connection);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartUp_BeforeTheDatabaseIsCreated_LeavesItToTheApp()
    {
        // The templates' migrations page, or the app's own migration at start-up, creates it later.
        await using var connection = OpenDatabase();
        using var host = BuildHost<AppDbContext>(connection);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartUp_WhenTheContextDoesNotMapTheTable_SaysToCallMapEmailAddresses()
    {
        await using var connection = OpenDatabase();
        using var host = BuildHost<UnmappedDbContext>(connection);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("builder.MapEmailAddresses() in UnmappedDbContext.OnModelCreating", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signup_WhenTheTableIsMissing_FailsWithTheSetUpError_AndSavesNoUser()
    {
        await using var host = new IdentityHost();
        await ExecuteAsync(host, "DROP TABLE " + Table);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RequestAsync(request =>
            request.Users.CreateAsync(new AppUser { UserName = "quin@example.com", Email = "quin@example.com" }, IdentityHost.Password)));

        Assert.Contains("SignalGen.Identity's table " + Table, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(host));
        Assert.Empty(host.Journal.Signals);
    }

    [Fact]
    public async Task Signup_WhenTheAddressRowCannotBeWritten_SavesNoUser()
    {
        await using var host = new IdentityHost();
        await ExecuteAsync(host, "CREATE TRIGGER refuse_address BEFORE INSERT ON " + Table + " BEGIN SELECT RAISE(ABORT, 'address refused'); END");

        await Assert.ThrowsAsync<DbUpdateException>(() => host.RequestAsync(request =>
            request.Users.CreateAsync(new AppUser { UserName = "rae@example.com", Email = "rae@example.com" }, IdentityHost.Password)));

        Assert.Equal(0, await CountUsersAsync(host));
        Assert.Empty(host.Journal.Signals);
    }

    private static SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static async Task CreateSchemaAsync(SqliteConnection connection, bool dropAddressTable)
    {
        var services = new ServiceCollection();
        IdentityHost.AddIdentityServices<AppDbContext>(services, connection);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
        await database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        if (dropAddressTable)
        {
            await database.ExecuteSqlRawAsync("DROP TABLE " + Table, TestContext.Current.CancellationToken);
        }
    }

    private static IHost BuildHost<TContext>(SqliteConnection connection)
        where TContext : IdentityDbContext<AppUser>
    {
        var builder = Host.CreateApplicationBuilder();
        IdentityHost.AddIdentityServices<TContext>(builder.Services, connection);
        builder.Services.AddSingleton(new SignalJournal());
        return builder.Build();
    }

    private static async Task ExecuteAsync(IdentityHost host, string sql)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }

    private static async Task<int> CountUsersAsync(IdentityHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync(TestContext.Current.CancellationToken);
    }
}
