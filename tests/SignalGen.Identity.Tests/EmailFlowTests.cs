using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>E-mail addresses: Identity's own confirmation and change, and the several addresses allauth gives a user.</summary>
public sealed class EmailFlowTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task IdentityConfirmation_SendsEmailConfirmedForThePrimaryAddress()
    {
        var id = await _host.CreateUserAsync("ann@example.com");
        var token = await _host.RequestAsync(async request => await request.Users.GenerateEmailConfirmationTokenAsync(await request.UserAsync(id)));
        _host.Journal.Clear();

        var result = await _host.RequestAsync(async request => await request.Users.ConfirmEmailAsync(await request.UserAsync(id), token));

        Assert.True(result.Succeeded);
        Assert.Equal(["EmailConfirmed"], _host.Journal.Names);
        Assert.Equal(new EmailAddress(id, "ann@example.com", Verified: true, Primary: true), _host.Journal.Single<EmailConfirmed>().EmailAddress);
    }

    [Fact]
    public async Task Signup_WithAnotherUsersSecondaryAddress_FailsAsADuplicate_AndCreatesNothing()
    {
        var owner = await _host.CreateUserAsync("gus@example.com");
        Assert.True((await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(owner), "gus@second.example"))).Succeeded);
        _host.Journal.Clear();

        var result = await _host.RequestAsync(async request =>
            await request.Users.CreateAsync(new AppUser { UserName = "gus@second.example", Email = "gus@second.example" }, IdentityHost.Password));

        Assert.False(result.Succeeded);
        Assert.Equal(["DuplicateEmail"], result.Errors.Select(error => error.Code));
        Assert.Null(await _host.RequestAsync(async request => await request.Users.FindByNameAsync("gus@second.example")));
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ChangeEmail_ToAnotherUsersSecondaryAddress_FailsAsADuplicate()
    {
        var owner = await _host.CreateUserAsync("hal@example.com");
        Assert.True((await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(owner), "hal@second.example"))).Succeeded);
        var other = await _host.CreateUserAsync("ida@example.com");
        var token = await _host.RequestAsync(async request => await request.Users.GenerateChangeEmailTokenAsync(await request.UserAsync(other), "hal@second.example"));
        _host.Journal.Clear();

        var result = await _host.RequestAsync(async request => await request.Users.ChangeEmailAsync(await request.UserAsync(other), "hal@second.example", token));

        Assert.False(result.Succeeded);
        Assert.Equal(["DuplicateEmail"], result.Errors.Select(error => error.Code));
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task IdentityConfirmation_WithABadToken_SendsEmailVerificationCodeRejected_Only()
    {
        var id = await _host.CreateUserAsync("ben@example.com");

        var result = await _host.RequestAsync(async request => await request.Users.ConfirmEmailAsync(await request.UserAsync(id), "not-a-token"));

        Assert.False(result.Succeeded);
        Assert.Equal(["EmailVerificationCodeRejected"], _host.Journal.Names);
        var rejected = _host.Journal.Single<EmailVerificationCodeRejected<AppUser>>();
        Assert.Equal((id, false), (rejected.User.Id, rejected.LastAttempt));
    }

    [Fact]
    public async Task IdentityChangeEmail_WithABadToken_SendsEmailVerificationCodeRejected_AndChangesNothing()
    {
        var id = await _host.CreateUserAsync("bo@example.com", confirmed: true);

        var result = await _host.RequestAsync(async request => await request.Users.ChangeEmailAsync(await request.UserAsync(id), "bo@new.example", "not-a-token"));

        Assert.False(result.Succeeded);
        Assert.Equal(["EmailVerificationCodeRejected"], _host.Journal.Names);
        Assert.Equal("bo@example.com", (await _host.RequestAsync(request => request.UserAsync(id))).Email);
    }

    [Fact]
    public async Task IdentityChangeEmail_SendsEmailConfirmedThenEmailChanged_AndKeepsTheOldAddress()
    {
        var id = await _host.CreateUserAsync("cat@example.com", confirmed: true);
        var token = await _host.RequestAsync(async request => await request.Users.GenerateChangeEmailTokenAsync(await request.UserAsync(id), "cat@new.example"));
        _host.Journal.Clear();

        var result = await _host.RequestAsync(async request => await request.Users.ChangeEmailAsync(await request.UserAsync(id), "cat@new.example", token));

        Assert.True(result.Succeeded);
        Assert.Equal(["EmailConfirmed", "EmailChanged"], _host.Journal.Names);
        var changed = _host.Journal.Single<EmailChanged<AppUser>>();
        Assert.Equal("cat@example.com", changed.FromEmailAddress?.Email);
        Assert.Equal(new EmailAddress(id, "cat@new.example", Verified: true, Primary: true), changed.ToEmailAddress);

        var addresses = await _host.RequestAsync(async request => await request.Emails.GetAddressesAsync(await request.UserAsync(id)));
        Assert.Equal(["cat@new.example", "cat@example.com"], addresses.Select(a => a.Email).ToArray());
        Assert.Equal([true, false], addresses.Select(a => a.Primary).ToArray());
    }

    [Fact]
    public async Task SeveralAddresses_AddVerifyMakePrimaryRemove_EachSendsItsSignal()
    {
        var id = await _host.CreateUserAsync("dan@example.com", confirmed: true);

        // Add: AddEmail (the veto point) then EmailAdded, unverified and not primary.
        Assert.True((await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(id), "dan@work.example"))).Succeeded);
        Assert.Equal(["AddEmail", "EmailAdded"], _host.Journal.Names);
        Assert.Equal(new EmailAddress(id, "dan@work.example", Verified: false, Primary: false), _host.Journal.Single<EmailAdded<AppUser>>().EmailAddress);
        _host.Journal.Clear();

        // An unverified address cannot become primary; nothing is sent.
        Assert.False((await _host.RequestAsync(async request => await request.Emails.SetPrimaryAsync(await request.UserAsync(id), "dan@work.example"))).Succeeded);
        Assert.Empty(_host.Journal.Signals);

        // Verification message: sent once; a second one right after is held back and sends nothing.
        Assert.True(await _host.RequestAsync(async request => await request.Emails.SendConfirmationAsync(await request.UserAsync(id), "dan@work.example", token => "https://localhost/confirm?token=" + Uri.EscapeDataString(token))));
        Assert.False(await _host.RequestAsync(async request => await request.Emails.SendConfirmationAsync(await request.UserAsync(id), "dan@work.example", token => token)));
        Assert.Equal(["EmailConfirmationSent"], _host.Journal.Names);
        var sent = _host.Journal.Single<EmailConfirmationSent>();
        Assert.False(sent.Signup);
        Assert.Equal("dan@work.example", sent.Confirmation.EmailAddress.Email);
        var message = Assert.Single(_host.Mail.Messages);
        Assert.Equal("dan@work.example", message.Email);
        _host.Journal.Clear();

        // Confirm with the token from the link.
        var token = Uri.UnescapeDataString(message.Content.Split("token=")[1]);
        Assert.False((await _host.RequestAsync(async request => await request.Emails.ConfirmAsync(await request.UserAsync(id), "dan@work.example", "forged"))).Succeeded);
        Assert.Equal(["EmailVerificationCodeRejected"], _host.Journal.Names);
        _host.Journal.Clear();
        Assert.True((await _host.RequestAsync(async request => await request.Emails.ConfirmAsync(await request.UserAsync(id), "dan@work.example", token))).Succeeded);
        Assert.Equal(["EmailConfirmed"], _host.Journal.Names);
        Assert.Equal(new EmailAddress(id, "dan@work.example", Verified: true, Primary: false), _host.Journal.Single<EmailConfirmed>().EmailAddress);
        _host.Journal.Clear();

        // Make it primary: Identity's Email follows, EmailChanged names both.
        Assert.True((await _host.RequestAsync(async request => await request.Emails.SetPrimaryAsync(await request.UserAsync(id), "dan@work.example"))).Succeeded);
        Assert.Equal(["EmailChanged"], _host.Journal.Names);
        var changed = _host.Journal.Single<EmailChanged<AppUser>>();
        Assert.Equal(new EmailAddress(id, "dan@example.com", Verified: true, Primary: true), changed.FromEmailAddress);
        Assert.Equal(new EmailAddress(id, "dan@work.example", Verified: true, Primary: true), changed.ToEmailAddress);
        var user = await _host.RequestAsync(request => request.UserAsync(id));
        Assert.Equal("dan@work.example", user.Email);
        Assert.True(user.EmailConfirmed);
        _host.Journal.Clear();

        // The primary address cannot be removed; the old one can.
        Assert.False((await _host.RequestAsync(async request => await request.Emails.RemoveAsync(await request.UserAsync(id), "dan@work.example"))).Succeeded);
        Assert.Empty(_host.Journal.Signals);
        Assert.True((await _host.RequestAsync(async request => await request.Emails.RemoveAsync(await request.UserAsync(id), "dan@example.com"))).Succeeded);
        Assert.Equal(["EmailRemoved"], _host.Journal.Names);
        Assert.Equal("dan@example.com", _host.Journal.Single<EmailRemoved<AppUser>>().EmailAddress.Email);
    }

    [Fact]
    public async Task AddEmail_ReceiverThatThrows_VetoesTheAddress_WithItsMessage_AndStoresNothing()
    {
        var id = await _host.CreateUserAsync("eli@example.com");
        _host.Journal.OnAddEmail = email => email.EndsWith("@blocked.example", StringComparison.Ordinal)
            ? throw new EmailRejectedException("Verify your primary address before adding another one.")
            : Task.CompletedTask;

        var result = await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(id), "eli@blocked.example"));

        Assert.False(result.Succeeded);
        Assert.Equal("Verify your primary address before adding another one.", Assert.Single(result.Errors).Description);
        Assert.Equal(["AddEmail"], _host.Journal.Names);
        var addresses = await _host.RequestAsync(async request => await request.Emails.GetAddressesAsync(await request.UserAsync(id)));
        Assert.Equal(["eli@example.com"], addresses.Select(a => a.Email).ToArray());
    }

    [Fact]
    public async Task AddEmail_ReceiverFailingUnexpectedly_VetoesWithAGenericMessage()
    {
        var id = await _host.CreateUserAsync("fin@example.com");
        _host.Journal.OnAddEmail = _ => throw new InvalidOperationException("database is down: secret detail");

        var result = await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(id), "fin@other.example"));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("secret", Assert.Single(result.Errors).Description, StringComparison.Ordinal);
        Assert.DoesNotContain("EmailAdded", _host.Journal.Names);
        var addresses = await _host.RequestAsync(async request => await request.Emails.GetAddressesAsync(await request.UserAsync(id)));
        Assert.Equal(["fin@example.com"], addresses.Select(a => a.Email).ToArray());
    }

    [Fact]
    public async Task AddEmail_AnAddressAnotherUserHas_IsRefusedBeforeAnyReceiverRuns()
    {
        await _host.CreateUserAsync("gil@example.com");
        var id = await _host.CreateUserAsync("han@example.com");

        var result = await _host.RequestAsync(async request => await request.Emails.AddAsync(await request.UserAsync(id), "GIL@example.com"));

        Assert.False(result.Succeeded);
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ConfirmationDuringSignup_SaysSignup()
    {
        await _host.RequestAsync(async request =>
        {
            var user = new AppUser { UserName = "ivy@example.com", Email = "ivy@example.com" };
            await request.Users.CreateAsync(user, IdentityHost.Password);
            await request.Emails.SendConfirmationAsync(user, "ivy@example.com", token => token);
        });

        Assert.Equal(["UserSignedUp", "EmailConfirmationSent"], _host.Journal.Names);
        Assert.True(_host.Journal.Single<EmailConfirmationSent>().Signup);
    }
}
