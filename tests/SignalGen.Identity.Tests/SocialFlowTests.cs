using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>External logins: signup, login of a connected account, connect and disconnect.</summary>
public sealed class SocialFlowTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task UnknownLogin_SendsPreSocialLogin_ThenSignupSendsUserSignedUpAndLoggedIn_NotSocialAccountAdded()
    {
        await _host.ExternalProviderCallbackAsync("Fake", "ext-1", "kai@example.com");

        var attempt = await _host.RequestAsync(async request =>
        {
            var info = await request.SignIn.GetExternalLoginInfoAsync();
            Assert.NotNull(info);
            return await request.SignIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, false, false);
        });

        Assert.False(attempt.Succeeded);
        Assert.Equal(["PreSocialLogin"], _host.Journal.Names);
        var pre = _host.Journal.Single<PreSocialLogin>().SocialLogin;
        Assert.Equal(("Fake", "ext-1", (string?)null), (pre.Account.Provider, pre.Account.Uid, pre.Account.UserId));
        Assert.False(pre.IsExisting);
        Assert.Equal(["kai@example.com"], pre.EmailAddresses);
        Assert.Equal(["access_token"], pre.TokenNames);
        _host.Journal.Clear();

        // The signup form's post, as the templates make it: create the user without a password, connect the login,
        // sign in naming the provider as the authentication method.
        var id = await _host.RequestAsync(async request =>
        {
            var info = await request.SignIn.GetExternalLoginInfoAsync();
            var user = new AppUser { UserName = "kai@example.com", Email = "kai@example.com" };
            Assert.True((await request.Users.CreateAsync(user)).Succeeded);
            Assert.Empty(_host.Journal.Signals);
            Assert.True((await request.Users.AddLoginAsync(user, info!)).Succeeded);
            await request.SignIn.SignInAsync(user, isPersistent: false, info!.LoginProvider);
            return user.Id;
        });

        // UserSignedUp follows the connection and carries it (allauth's sociallogin), as does UserLoggedIn.
        Assert.Equal(["UserSignedUp", "UserLoggedIn"], _host.Journal.Names);
        var signedUp = _host.Journal.Single<UserSignedUp<AppUser>>().SocialLogin;
        Assert.Equal(("Fake", "ext-1", id, true), (signedUp?.Account.Provider, signedUp?.Account.Uid, signedUp?.Account.UserId, signedUp?.IsExisting));
        Assert.Equal("ext-1", _host.Journal.Single<UserLoggedIn<AppUser>>().SocialLogin?.Account.Uid);

        // The provider's tokens are stored with the new user, as allauth stores them.
        var stored = await _host.RequestAsync(async request => await request.Users.GetAuthenticationTokenAsync(await request.UserAsync(id), "Fake", "access_token"));
        Assert.Equal("token-ext-1", stored);
    }

    [Fact]
    public async Task ExternalSignup_WhoseLoginIsNeverConnected_StillSendsUserSignedUp_WhenTheRequestEnds()
    {
        await _host.ExternalProviderCallbackAsync("Fake", "ext-5", "ona@example.com");

        await _host.RequestAsync(async request =>
        {
            Assert.NotNull(await request.SignIn.GetExternalLoginInfoAsync());
            Assert.True((await request.Users.CreateAsync(new AppUser { UserName = "ona@example.com", Email = "ona@example.com" })).Succeeded);
            Assert.Empty(_host.Journal.Signals);
        });

        Assert.Equal(["UserSignedUp"], _host.Journal.Names);
        Assert.Null(_host.Journal.Single<UserSignedUp<AppUser>>().SocialLogin);
    }

    [Fact]
    public async Task LocalSignup_CarriesNoSocialLogin_AndAPasswordLoginNone()
    {
        await _host.RequestAsync(async request =>
        {
            var user = new AppUser { UserName = "pat@example.com", Email = "pat@example.com" };
            Assert.True((await request.Users.CreateAsync(user, IdentityHost.Password)).Succeeded);
        });
        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("pat@example.com", IdentityHost.Password, false, false));

        Assert.Null(_host.Journal.Single<UserSignedUp<AppUser>>().SocialLogin);
        var loggedIn = _host.Journal.Single<UserLoggedIn<AppUser>>();
        Assert.Null(loggedIn.SocialLogin);
        Assert.Same(loggedIn.Request.Response, loggedIn.Response);
    }

    [Fact]
    public async Task ConnectedLogin_SendsUpdatedThenPreSocialLoginThenTheStepThenLoggedIn()
    {
        var id = await ConnectedUserAsync("lea@example.com", "ext-2");
        await _host.ExternalProviderCallbackAsync("Fake", "ext-2", "lea@example.com");

        var result = await _host.RequestAsync(async request =>
        {
            var info = await request.SignIn.GetExternalLoginInfoAsync();
            return await request.SignIn.ExternalLoginSignInAsync(info!.LoginProvider, info.ProviderKey, false, false);
        });

        Assert.True(result.Succeeded);
        Assert.Equal(["SocialAccountUpdated", "PreSocialLogin", "AuthenticationStepCompleted", "UserLoggedIn"], _host.Journal.Names);
        var updated = _host.Journal.Single<SocialAccountUpdated>().SocialLogin;
        Assert.True(updated.IsExisting);
        Assert.Equal(id, updated.Account.UserId);
        Assert.Equal(new SocialAccountStep("Fake", "ext-2"), _host.Journal.Single<AuthenticationStepCompleted<AppUser>>().Step);
        Assert.Equal(updated, _host.Journal.Single<UserLoggedIn<AppUser>>().SocialLogin);

        // "After its data was refreshed": the provider's token is stored with the user.
        var stored = await _host.RequestAsync(async request => await request.Users.GetAuthenticationTokenAsync(await request.UserAsync(id), "Fake", "access_token"));
        Assert.Equal("token-ext-2", stored);
    }

    [Fact]
    public async Task Connect_ToASignedInAccount_SendsPreSocialLoginThenSocialAccountAdded()
    {
        var id = await _host.CreateUserAsync("max@example.com");
        await _host.ExternalProviderCallbackAsync("Fake", "ext-3", "max@elsewhere.example");

        var result = await _host.RequestAsync(async request =>
        {
            var info = await request.SignIn.GetExternalLoginInfoAsync();
            return await request.Users.AddLoginAsync(await request.UserAsync(id), info!);
        });

        Assert.True(result.Succeeded);
        Assert.Equal(["PreSocialLogin", "SocialAccountAdded"], _host.Journal.Names);
        var added = _host.Journal.Single<SocialAccountAdded>().SocialLogin;
        Assert.Equal(id, added.Account.UserId);
        Assert.Equal("ext-3", added.Account.Uid);

        // Stored on connect, as allauth stores them.
        var stored = await _host.RequestAsync(async request => await request.Users.GetAuthenticationTokenAsync(await request.UserAsync(id), "Fake", "access_token"));
        Assert.Equal("token-ext-3", stored);
    }

    [Fact]
    public async Task Disconnect_SendsSocialAccountRemoved()
    {
        var id = await ConnectedUserAsync("ned@example.com", "ext-4");

        var result = await _host.RequestAsync(async request => await request.Users.RemoveLoginAsync(await request.UserAsync(id), "Fake", "ext-4"));

        Assert.True(result.Succeeded);
        Assert.Equal(["SocialAccountRemoved"], _host.Journal.Names);
        var account = _host.Journal.Single<SocialAccountRemoved>().SocialAccount;
        Assert.Equal(("Fake", "ext-4", id), (account.Provider, account.Uid, account.UserId));
    }

    private async Task<string> ConnectedUserAsync(string email, string key)
    {
        var id = await _host.CreateUserAsync(email, password: null);
        await _host.RequestAsync(async request => await request.Users.AddLoginAsync(await request.UserAsync(id), new UserLoginInfo("Fake", key, "Fake")));
        _host.Journal.Clear();
        return id;
    }
}
