using System;
using SignalGen.Durable;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>
/// Identity's stores save per operation, so a signal sent after the operation returned is sent after its
/// commit. With durable receivers of the signal in the application, the managers run the operation in a
/// transaction and stage those receivers' messages in it, before the commit: the message commits with the
/// change or not at all. The other receivers still run after the commit.
/// </summary>
public sealed class DurableStagingTests : IAsyncLifetime
{
    private const string Welcome = "SignalGen.Identity.Tests.DurableJournalReceivers.Welcome(AppUser)";
    private const string NotifyPasswordChanged = "SignalGen.Identity.Tests.DurableJournalReceivers.NotifyPasswordChanged(AppUser)";

    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Signup_StagesTheDurableReceiverInTheUsersTransaction_ThenRunsTheOthersAfterTheCommit()
    {
        await _host.RequestAsync(async request =>
        {
            var user = new AppUser { UserName = "ada@example.com", Email = "ada@example.com" };
            Assert.True((await request.Users.CreateAsync(user, IdentityHost.Password)).Succeeded);
        });

        Assert.Equal([(Welcome, true)], _host.Staging.Staged);
        Assert.Equal([0], _host.Staging.InProcessBefore);
        Assert.Equal(["UserSignedUp"], _host.Journal.Names);
    }

    [Fact]
    public async Task TheMessageStoresTheUserById_AndTheWorkerLoadsItAgain_OrSkipsTheReceiverWhenTheUserIsGone()
    {
        var id = await _host.CreateUserAsync("eve@example.com");
        var (message, receiver) = Assert.Single(_host.Staging.Messages);
        var welcome = Assert.IsType<DurableReceiver<SignalGen.Generated.DurableReceivers_SignalGen_Identity_Tests.Welcome_UserSignedUp.Message>>(receiver, exactMatch: false);
        var stored = Assert.IsType<SignalGen.Generated.DurableReceivers_SignalGen_Identity_Tests.Welcome_UserSignedUp.Message>(message);

        // The entity's password hash and security stamp stay in the users table: the message holds the id.
        Assert.Equal(new StoredUser(id), stored.User);
        Assert.False(DurableJournalReceivers.Welcomed.ContainsKey("eve@example.com"));

        await _host.RequestAsync(async request =>
        {
            await welcome.RunAsync(stored, new DurableDelivery(stored.Stamp.DeliveryId, 1, stored.Stamp.StagedAt), request.Services, TestContext.Current.CancellationToken);
            return true;
        });
        Assert.Equal(id, DurableJournalReceivers.Welcomed["eve@example.com"]);

        DurableJournalReceivers.Welcomed.Clear();
        await _host.RequestAsync(async request => await request.Users.DeleteAsync(await request.UserAsync(id)));
        await _host.RequestAsync(async request =>
        {
            await welcome.RunAsync(stored, new DurableDelivery(stored.Stamp.DeliveryId, 2, stored.Stamp.StagedAt), request.Services, TestContext.Current.CancellationToken);
            return true;
        });
        Assert.Empty(DurableJournalReceivers.Welcomed);
    }

    [Fact]
    public async Task Signup_WhoseStagingFails_LeavesNoUser_AndRunsNoReceiver()
    {
        _host.Staging.FailWith = new InvalidOperationException("The message store is down.");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.RequestAsync(async request =>
        {
            await request.Users.CreateAsync(new AppUser { UserName = "bea@example.com", Email = "bea@example.com" }, IdentityHost.Password);
        }));

        Assert.Equal("The message store is down.", exception.Message);
        Assert.Empty(_host.Journal.Signals);
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Set<SignalGen.Identity.Emails.StoredEmailAddress>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ChangePassword_StagesInTheOperationsTransaction_AndAFailedStagingKeepsTheOldPassword()
    {
        var id = await _host.CreateUserAsync("cy@example.com");
        _host.Staging.Staged.Clear();

        var changed = await _host.RequestAsync(async request => await request.Users.ChangePasswordAsync(await request.UserAsync(id), IdentityHost.Password, "New-password-42"));
        Assert.True(changed.Succeeded);
        Assert.Equal([(NotifyPasswordChanged, true)], _host.Staging.Staged);
        Assert.Equal(["PasswordChanged"], _host.Journal.Names);

        _host.Staging.FailWith = new InvalidOperationException("The message store is down.");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.RequestAsync(async request =>
            await request.Users.ChangePasswordAsync(await request.UserAsync(id), "New-password-42", "Third-password-7")));

        Assert.Equal(["PasswordChanged"], _host.Journal.Names);
        var stillValid = await _host.RequestAsync(async request => await request.Users.CheckPasswordAsync(await request.UserAsync(id), "New-password-42"));
        Assert.True(stillValid);
    }

    [Fact]
    public async Task AnOperationWhoseSignalsHaveNoDurableReceiver_StagesNothing()
    {
        var id = await _host.CreateUserAsync("dee@example.com");
        _host.Staging.Staged.Clear();
        await _host.RequestAsync(async request => await request.Users.RemovePasswordAsync(await request.UserAsync(id)));

        var set = await _host.RequestAsync(async request => await request.Users.AddPasswordAsync(await request.UserAsync(id), "Another-password-8"));

        Assert.True(set.Succeeded);
        Assert.Empty(_host.Staging.Staged);
        Assert.Contains("PasswordSet", _host.Journal.Names);
    }
}
