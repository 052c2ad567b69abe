using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>
/// <c>UserLoginFailed</c> (Django's <c>user_login_failed</c>, which allauth's users asked for) and the audit signals of
/// refused codes: who tried, why it failed, and whether this attempt locked the account.
/// </summary>
public sealed class LoginFailureTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new(services => services.Configure<IdentityOptions>(options => options.Lockout.MaxFailedAccessAttempts = 3));

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task AnUnknownUser_IsNamedByWhatWasTyped()
    {
        var result = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("nobody@example.com", IdentityHost.Password, false, true));

        Assert.False(result.Succeeded);
        var failed = _host.Journal.Single<UserLoginFailed<AppUser>>();
        Assert.Equal(("nobody@example.com", (AppUser?)null, LoginFailureReason.UnknownUser, false), (failed.Identifier, failed.User, failed.Reason, failed.LockedOut));
    }

    [Fact]
    public async Task WrongPasswordsUntilLockout_TheLastOneLocks_ThenTheAccountIsLockedOut()
    {
        var id = await _host.CreateUserAsync("ivo@example.com");

        foreach (var _ in Enumerable.Range(0, 4))
        {
            Assert.False((await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("ivo@example.com", "wrong-Password-1", false, true))).Succeeded);
        }

        var failures = _host.Journal.Signals.OfType<UserLoginFailed<AppUser>>().Select(signal => (signal.User?.Id, signal.Reason, signal.LockedOut)).ToArray();
        Assert.Equal(
            [
                (id, LoginFailureReason.WrongPassword, false),
                (id, LoginFailureReason.WrongPassword, false),
                (id, LoginFailureReason.WrongPassword, true),
                (id, LoginFailureReason.LockedOut, false),
            ],
            failures);
        Assert.Equal(["UserLoginFailed", "UserLoginFailed", "UserLoginFailed", "UserLoginFailed"], _host.Journal.Names);
    }

    [Fact]
    public async Task TheRightPasswordOnALockedAccount_IsLockedOut_AndNoStep()
    {
        await _host.CreateUserAsync("jo@example.com");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("jo@example.com", "wrong-Password-1", false, true));
        }

        _host.Journal.Clear();

        var result = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("jo@example.com", IdentityHost.Password, false, true));

        Assert.True(result.IsLockedOut);
        Assert.Equal(["UserLoginFailed"], _host.Journal.Names);
        Assert.Equal(LoginFailureReason.LockedOut, _host.Journal.Single<UserLoginFailed<AppUser>>().Reason);
    }

    [Fact]
    public async Task AnUnconfirmedAccount_WhereConfirmationIsRequired_IsNotAllowed()
    {
        await using var host = new IdentityHost(services => services.Configure<IdentityOptions>(options => options.SignIn.RequireConfirmedAccount = true));
        var id = await host.CreateUserAsync("kit@example.com");

        var result = await host.RequestAsync(request => request.SignIn.PasswordSignInAsync("kit@example.com", IdentityHost.Password, false, true));

        Assert.True(result.IsNotAllowed);
        var failed = host.Journal.Single<UserLoginFailed<AppUser>>();
        Assert.Equal((id, LoginFailureReason.NotAllowed, false), (failed.User?.Id, failed.Reason, failed.LockedOut));
    }

    [Fact]
    public async Task ThePasswordRightWithASecondFactorPending_IsNoFailure()
    {
        var id = await _host.CreateUserAsync("lou@example.com");
        await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.ResetAuthenticatorKeyAsync(user);
            await request.Users.SetTwoFactorEnabledAsync(user, true);
        });
        _host.Journal.Clear();

        var result = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("lou@example.com", IdentityHost.Password, false, true));

        Assert.True(result.RequiresTwoFactor);
        Assert.Equal(["AuthenticationStepCompleted"], _host.Journal.Names);
    }

    [Fact]
    public async Task ARefusedResetLink_SendsPasswordResetCodeRejected_AndNothingElse()
    {
        var id = await _host.CreateUserAsync("mia@example.com", confirmed: true);

        var result = await _host.RequestAsync(async request => await request.Users.ResetPasswordAsync(await request.UserAsync(id), "forged", "New-Password-9"));

        Assert.False(result.Succeeded);
        Assert.Equal(["PasswordResetCodeRejected"], _host.Journal.Names);
        var rejected = _host.Journal.Single<PasswordResetCodeRejected<AppUser>>();
        Assert.Equal((id, false), (rejected.User.Id, rejected.LastAttempt));
    }

    [Fact]
    public async Task AResetWithAWeakPassword_IsNotARefusedCode()
    {
        var id = await _host.CreateUserAsync("ned@example.com", confirmed: true);
        var token = await _host.RequestAsync(async request => await request.Users.GeneratePasswordResetTokenAsync(await request.UserAsync(id)));

        var result = await _host.RequestAsync(async request => await request.Users.ResetPasswordAsync(await request.UserAsync(id), token, "weak"));

        Assert.False(result.Succeeded);
        Assert.Empty(_host.Journal.Signals);
    }
}
