using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>
/// allauth's MFA signals from Identity's two-factor and passkey calls, made in the order the templates' pages and
/// MapIdentityApi's <c>/manage/2fa</c> make them.
/// </summary>
public sealed class AuthenticatorFlowTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task EnablingTheApp_AddsTheAppThenTheFirstRecoveryCodes()
    {
        var id = await _host.CreateUserAsync("amy@example.com");
        var key = await ShowKeyAsync(id);

        await EnableAsync(id, key);

        Assert.Equal(["AuthenticatorAdded", "AuthenticatorAdded"], _host.Journal.Names);
        var added = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().Select(signal => signal.Authenticator).ToArray();
        Assert.Equal(MfaType.Totp, added[0].Type);
        Assert.Matches("^totp-[0-9a-f]{16}$", added[0].Id);
        Assert.Equal(new Authenticator(MfaType.RecoveryCodes, added[1].Id, RecoveryCodesLeft: 10), added[1]);
        Assert.Matches("^recovery-codes-[0-9a-f]{16}$", added[1].Id);
    }

    [Fact]
    public async Task AWrongCodeWhileEnabling_EnablesNothingAndSendsNothing()
    {
        // The pages check the code with VerifyTwoFactorTokenAsync and stop: not a failed log-in (allauth neither).
        var id = await _host.CreateUserAsync("ben@example.com");
        var key = await ShowKeyAsync(id);

        var valid = await _host.RequestAsync(async request =>
            await request.Users.VerifyTwoFactorTokenAsync(await request.UserAsync(id), TokenOptions.DefaultAuthenticatorProvider, WrongCode(key)));

        Assert.False(valid);
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task NewRecoveryCodes_ResetTheSameAuthenticator()
    {
        var id = await _host.CreateUserAsync("cai@example.com");
        await EnableAsync(id, await ShowKeyAsync(id));
        var first = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().Last().Authenticator;
        _host.Journal.Clear();

        await _host.RequestAsync(async request => await request.Users.GenerateNewTwoFactorRecoveryCodesAsync(await request.UserAsync(id), 10));

        Assert.Equal(["AuthenticatorReset"], _host.Journal.Names);
        Assert.Equal(first, _host.Journal.Single<AuthenticatorReset<AppUser>>().Authenticator);
    }

    [Fact]
    public async Task Disabling_RemovesTheAppAndTheRecoveryCodes_AndEnablingAgainAddsThemBack()
    {
        var id = await _host.CreateUserAsync("dot@example.com");
        await EnableAsync(id, await ShowKeyAsync(id));
        var added = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().Select(signal => signal.Authenticator).ToArray();
        _host.Journal.Clear();

        await _host.RequestAsync(async request => await request.Users.SetTwoFactorEnabledAsync(await request.UserAsync(id), false));

        Assert.Equal(["AuthenticatorRemoved", "AuthenticatorRemoved"], _host.Journal.Names);
        Assert.Equal(added, _host.Journal.Signals.OfType<AuthenticatorRemoved<AppUser>>().Select(signal => signal.Authenticator));
        _host.Journal.Clear();

        // Identity keeps the key and the codes while two-factor authentication is off: on again, they are back.
        await _host.RequestAsync(async request => await request.Users.SetTwoFactorEnabledAsync(await request.UserAsync(id), true));
        Assert.Equal(added, _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().Select(signal => signal.Authenticator));
    }

    [Fact]
    public async Task ResettingTheKey_WhileOff_SendsNothing_WhileOn_ReplacesTheApp()
    {
        var id = await _host.CreateUserAsync("eli@example.com");
        await EnableAsync(id, await ShowKeyAsync(id));
        var app = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().First().Authenticator;
        _host.Journal.Clear();

        await _host.RequestAsync(async request => await request.Users.ResetAuthenticatorKeyAsync(await request.UserAsync(id)));

        Assert.Equal(["AuthenticatorRemoved", "AuthenticatorAdded"], _host.Journal.Names);
        Assert.Equal(app, _host.Journal.Single<AuthenticatorRemoved<AppUser>>().Authenticator);
        var newApp = _host.Journal.Single<AuthenticatorAdded<AppUser>>().Authenticator;
        Assert.Equal(MfaType.Totp, newApp.Type);
        Assert.NotEqual(app.Id, newApp.Id);
        _host.Journal.Clear();

        // The templates' "reset authenticator" page: off first (both removed), then the new key, which sends nothing.
        await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.SetTwoFactorEnabledAsync(user, false);
            await request.Users.ResetAuthenticatorKeyAsync(user);
        });
        Assert.Equal(["AuthenticatorRemoved", "AuthenticatorRemoved"], _host.Journal.Names);
    }

    [Fact]
    public async Task LoggingInWithTheApp_UsesIt_AndAWrongCodeFailsIt()
    {
        var id = await _host.CreateUserAsync("fox@example.com");
        var key = await ShowKeyAsync(id);
        await EnableAsync(id, key);
        var app = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().First().Authenticator;
        await PasswordAsync("fox@example.com");
        _host.Journal.Clear();

        var wrong = await _host.RequestAsync(request => request.SignIn.TwoFactorAuthenticatorSignInAsync(WrongCode(key), false, false));

        Assert.False(wrong.Succeeded);
        Assert.Equal(["AuthenticationFailed", "UserLoginFailed"], _host.Journal.Names);
        var failed = _host.Journal.Single<AuthenticationFailed<AppUser>>();
        Assert.Equal((app, false), (failed.Authenticator, failed.Reauthentication));
        Assert.Equal(LoginFailureReason.WrongSecondFactor, _host.Journal.Single<UserLoginFailed<AppUser>>().Reason);
        _host.Journal.Clear();

        var right = await _host.RequestAsync(request => request.SignIn.TwoFactorAuthenticatorSignInAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(), false, false));

        Assert.True(right.Succeeded);
        Assert.Equal(["AuthenticationStepCompleted", "AuthenticatorUsed", "UserLoggedIn"], _host.Journal.Names);
        var used = _host.Journal.Single<AuthenticatorUsed<AppUser>>();
        Assert.Equal((app, false, false), (used.Authenticator, used.Reauthenticated, used.Passwordless));
    }

    [Fact]
    public async Task AWrongRecoveryCode_FailsTheRecoveryCodes()
    {
        var id = await _host.CreateUserAsync("gia@example.com");
        await EnableAsync(id, await ShowKeyAsync(id));
        var codes = _host.Journal.Signals.OfType<AuthenticatorAdded<AppUser>>().Last().Authenticator;
        await PasswordAsync("gia@example.com");
        _host.Journal.Clear();

        var wrong = await _host.RequestAsync(request => request.SignIn.TwoFactorRecoveryCodeSignInAsync("NOT-A-CODE"));

        Assert.False(wrong.Succeeded);
        Assert.Equal(["AuthenticationFailed", "UserLoginFailed"], _host.Journal.Names);
        Assert.Equal(codes, _host.Journal.Single<AuthenticationFailed<AppUser>>().Authenticator);
    }

    [Fact]
    public async Task ANewPasskey_IsAdded_ARenameSendsNothing_AndRemovingItIsRemoved()
    {
        var id = await _host.CreateUserAsync("hal@example.com");
        var passkey = new UserPasskeyInfo([1, 2, 3, 250], [9, 9, 9], DateTimeOffset.UtcNow, 0, null, true, false, false, [7], [8]);

        await _host.RequestAsync(async request => Assert.True((await request.Users.AddOrUpdatePasskeyAsync(await request.UserAsync(id), passkey)).Succeeded));

        Assert.Equal(["AuthenticatorAdded"], _host.Journal.Names);
        Assert.Equal(new Authenticator(MfaType.Passkey, "AQID-g"), _host.Journal.Single<AuthenticatorAdded<AppUser>>().Authenticator);
        _host.Journal.Clear();

        // The Blazor template's rename page, and every passkey sign-in's sign count, save the same credential again.
        await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            var stored = (await request.Users.GetPasskeyAsync(user, [1, 2, 3, 250]))!;
            stored.Name = "Laptop";
            stored.SignCount = 1;
            Assert.True((await request.Users.AddOrUpdatePasskeyAsync(user, stored)).Succeeded);
        });
        Assert.Empty(_host.Journal.Signals);

        await _host.RequestAsync(async request => Assert.True((await request.Users.RemovePasskeyAsync(await request.UserAsync(id), [1, 2, 3, 250])).Succeeded));

        Assert.Equal(["AuthenticatorRemoved"], _host.Journal.Names);
        Assert.Equal(new Authenticator(MfaType.Passkey, "AQID-g", "Laptop"), _host.Journal.Single<AuthenticatorRemoved<AppUser>>().Authenticator);
    }

    /// <summary>The enable page's GET: a key to show (made when the user has none). Nothing is on yet.</summary>
    private async Task<string> ShowKeyAsync(string id)
    {
        var key = await _host.RequestAsync(
            async request =>
            {
                var user = await request.UserAsync(id);
                await request.Users.ResetAuthenticatorKeyAsync(user);
                return (await request.Users.GetAuthenticatorKeyAsync(user))!;
            },
            method: "GET");
        Assert.Empty(_host.Journal.Signals);
        return key;
    }

    /// <summary>The enable page's POST: the code checked, two-factor authentication on, the first ten recovery codes.</summary>
    private Task EnableAsync(string id, string key) => _host.RequestAsync(async request =>
    {
        var user = await request.UserAsync(id);
        Assert.True(await request.Users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, new Totp(Base32Encoding.ToBytes(key)).ComputeTotp()));
        await request.Users.SetTwoFactorEnabledAsync(user, true);
        if (await request.Users.CountRecoveryCodesAsync(user) == 0)
        {
            await request.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
    });

    private async Task PasswordAsync(string userName) =>
        Assert.True((await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync(userName, IdentityHost.Password, false, false))).RequiresTwoFactor);

    /// <summary>A code the app would not show now (the current one, changed), never a guess that could be right.</summary>
    private static string WrongCode(string key)
    {
        var right = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        return right[..5] + (right[5] == '0' ? '1' : '0');
    }
}
