using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>Signup, login (with and without a second factor), logout and passwords, on the real Identity stack.</summary>
public sealed class AccountFlowTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Signup_ThenSignIn_SendsUserSignedUpThenUserLoggedIn_AndNoPasswordSet()
    {
        await _host.RequestAsync(async request =>
        {
            var user = new AppUser { UserName = "ada@example.com", Email = "ada@example.com" };
            Assert.True((await request.Users.CreateAsync(user, IdentityHost.Password)).Succeeded);
            await request.SignIn.SignInAsync(user, isPersistent: false);
        });

        Assert.Equal(["UserSignedUp", "UserLoggedIn"], _host.Journal.Names);
        var signedUp = _host.Journal.Single<UserSignedUp<AppUser>>();
        Assert.Equal("ada@example.com", signedUp.User.Email);
        Assert.NotNull(signedUp.Request);
        Assert.Same(signedUp.User, _host.Journal.Single<UserLoggedIn<AppUser>>().User);
    }

    [Fact]
    public async Task PasswordLogin_SendsThePasswordStepThenUserLoggedIn()
    {
        var id = await _host.CreateUserAsync("bob@example.com");

        var result = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("bob@example.com", IdentityHost.Password, false, false));

        Assert.True(result.Succeeded);
        Assert.Equal(["AuthenticationStepCompleted", "UserLoggedIn"], _host.Journal.Names);
        var step = _host.Journal.Single<AuthenticationStepCompleted<AppUser>>();
        Assert.Equal("password", step.Method);
        Assert.Equal(new PasswordStep("bob@example.com", "bob@example.com", Reauthenticated: false), step.Step);
        Assert.Equal(id, step.User.Id);
    }

    [Fact]
    public async Task PasswordLogin_WhileSignedInAsThatUser_IsALogIn_ButCheckingThePasswordAloneIsAReauthentication()
    {
        // A client logging in again while it still sends its cookie (or bearer token) for the same user.
        await _host.CreateUserAsync("bea@example.com");
        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("bea@example.com", IdentityHost.Password, false, false));
        _host.Journal.Clear();

        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("bea@example.com", IdentityHost.Password, false, false));

        Assert.False(Assert.IsType<PasswordStep>(_host.Journal.Single<AuthenticationStepCompleted<AppUser>>().Step).Reauthenticated);
        _host.Journal.Clear();

        // "Confirm your password to continue": the signed-in user's password checked, no new sign-in.
        await _host.RequestAsync(async request =>
            await request.SignIn.CheckPasswordSignInAsync((await request.Users.GetUserAsync(request.Context.User))!, IdentityHost.Password, false));

        Assert.Equal(["AuthenticationStepCompleted"], _host.Journal.Names);
        Assert.True(Assert.IsType<PasswordStep>(_host.Journal.Single<AuthenticationStepCompleted<AppUser>>().Step).Reauthenticated);
    }

    [Fact]
    public async Task WrongPassword_SendsUserLoginFailed_Only()
    {
        var id = await _host.CreateUserAsync("carl@example.com");

        var result = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("carl@example.com", "wrong-Password-1", false, false));

        Assert.False(result.Succeeded);
        Assert.Equal(["UserLoginFailed"], _host.Journal.Names);
        var failed = _host.Journal.Single<UserLoginFailed<AppUser>>();
        Assert.Equal(("carl@example.com", id, LoginFailureReason.WrongPassword, false), (failed.Identifier, failed.User?.Id, failed.Reason, failed.LockedOut));
    }

    [Fact]
    public async Task SecondFactor_UserLoggedInOnlyAfterIt_WithTheMfaStepFirst()
    {
        var id = await _host.CreateUserAsync("dee@example.com");
        var codes = await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.ResetAuthenticatorKeyAsync(user);
            await request.Users.SetTwoFactorEnabledAsync(user, true);
            return (await request.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!.ToArray();
        });
        _host.Journal.Clear();

        var first = await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("dee@example.com", IdentityHost.Password, false, false));

        // The password step is done; the login is not: no UserLoggedIn while the second factor is pending.
        Assert.True(first.RequiresTwoFactor);
        Assert.Equal(["AuthenticationStepCompleted"], _host.Journal.Names);
        _host.Journal.Clear();

        var second = await _host.RequestAsync(request => request.SignIn.TwoFactorRecoveryCodeSignInAsync(codes[0]));

        Assert.True(second.Succeeded);
        Assert.Equal(["AuthenticationStepCompleted", "AuthenticatorUsed", "UserLoggedIn"], _host.Journal.Names);
        var step = _host.Journal.Single<AuthenticationStepCompleted<AppUser>>();
        Assert.Equal("mfa", step.Method);
        Assert.Equal(MfaType.RecoveryCodes, Assert.IsType<MfaStep>(step.Step).Type);
        var used = _host.Journal.Single<AuthenticatorUsed<AppUser>>();
        Assert.Equal(new Authenticator(MfaType.RecoveryCodes, ((MfaStep)step.Step).Id!, RecoveryCodesLeft: 1), used.Authenticator);
        Assert.Equal((false, false), (used.Reauthenticated, used.Passwordless));
    }

    [Fact]
    public async Task SecondFactor_ByAuthenticatorApp_CarriesTheAppsId_TheSameEachTime_AndNewAfterAKeyReset()
    {
        var id = await _host.CreateUserAsync("fay@example.com");
        var key = await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.ResetAuthenticatorKeyAsync(user);
            await request.Users.SetTwoFactorEnabledAsync(user, true);
            return (await request.Users.GetAuthenticatorKeyAsync(user))!;
        });

        var first = await LogInWithAuthenticatorAsync("fay@example.com", key);
        var again = await LogInWithAuthenticatorAsync("fay@example.com", key);
        var newKey = await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.ResetAuthenticatorKeyAsync(user);
            return (await request.Users.GetAuthenticatorKeyAsync(user))!;
        });
        var afterReset = await LogInWithAuthenticatorAsync("fay@example.com", newKey);

        Assert.Equal(MfaType.Totp, first.Type);
        Assert.Matches("^totp-[0-9a-f]{16}$", first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, afterReset.Id);
        Assert.DoesNotContain(key, first.Id!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SecondFactor_ByRecoveryCode_CarriesTheCodesId_KeptWhenNewCodesReplaceThem()
    {
        var id = await _host.CreateUserAsync("gil@example.com");
        var codes = await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.ResetAuthenticatorKeyAsync(user);
            await request.Users.SetTwoFactorEnabledAsync(user, true);
            return (await request.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!.ToArray();
        });

        var first = await LogInWithRecoveryCodeAsync("gil@example.com", codes[0]);
        var newCodes = await _host.RequestAsync(async request => (await request.Users.GenerateNewTwoFactorRecoveryCodesAsync(await request.UserAsync(id), 2))!.ToArray());
        var afterNewCodes = await LogInWithRecoveryCodeAsync("gil@example.com", newCodes[0]);

        Assert.Equal(MfaType.RecoveryCodes, first.Type);
        Assert.Matches("^recovery-codes-[0-9a-f]{16}$", first.Id);
        Assert.Equal(first.Id, afterNewCodes.Id);
    }

    [Fact]
    public async Task SecondFactor_ByEmailCode_IsTheCodeStep_AndAWrongCodeIsALoginCodeRejected()
    {
        var id = await _host.CreateUserAsync("eve@example.com", confirmed: true);
        await _host.RequestAsync(async request => await request.Users.SetTwoFactorEnabledAsync(await request.UserAsync(id), true));
        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("eve@example.com", IdentityHost.Password, false, false));
        _host.Journal.Clear();

        var code = await _host.RequestAsync(async request => await request.Users.GenerateTwoFactorTokenAsync(await request.UserAsync(id), TokenOptions.DefaultEmailProvider));
        var wrongCode = code == "000000" ? "000001" : "000000";
        var wrong = await _host.RequestAsync(request => request.SignIn.TwoFactorSignInAsync(TokenOptions.DefaultEmailProvider, wrongCode, false, false));
        Assert.False(wrong.Succeeded);
        Assert.Equal(["LoginCodeRejected", "UserLoginFailed"], _host.Journal.Names);
        Assert.False(_host.Journal.Single<LoginCodeRejected<AppUser>>().LastAttempt);
        var failed = _host.Journal.Single<UserLoginFailed<AppUser>>();
        Assert.Equal(("eve@example.com", id, LoginFailureReason.WrongSecondFactor, false), (failed.Identifier, failed.User?.Id, failed.Reason, failed.LockedOut));
        _host.Journal.Clear();

        var right = await _host.RequestAsync(request => request.SignIn.TwoFactorSignInAsync(TokenOptions.DefaultEmailProvider, code, false, false));

        Assert.True(right.Succeeded);
        Assert.Equal(["AuthenticationStepCompleted", "UserLoggedIn"], _host.Journal.Names);
        Assert.Equal(new CodeStep("eve@example.com", null), _host.Journal.Single<AuthenticationStepCompleted<AppUser>>().Step);
    }

    [Fact]
    public async Task SignOut_SendsUserLoggedOutWithTheUser_BeforeTheCookieIsCleared()
    {
        var id = await _host.CreateUserAsync("fay@example.com");
        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("fay@example.com", IdentityHost.Password, false, false));
        _host.Journal.Clear();

        await _host.RequestAsync(request => request.SignIn.SignOutAsync());

        var loggedOut = _host.Journal.Single<UserLoggedOut<AppUser>>();
        Assert.Equal(id, loggedOut.User?.Id);
        Assert.False(_host.Journal.CookiesClearedBeforeLogoutSignal, "The receiver ran after the sign-out had cleared the cookies.");
        Assert.True(loggedOut.Request.Response.Headers.SetCookie.Count > 0, "The sign-out cleared no cookie.");
        Assert.Equal(["UserLoggedOut"], _host.Journal.Names);

        // The next request is anonymous, and signing out again has no user to report.
        _host.Journal.Clear();
        await _host.RequestAsync(request => request.SignIn.SignOutAsync());
        Assert.Null(_host.Journal.Single<UserLoggedOut<AppUser>>().User);
    }

    [Fact]
    public async Task RefreshSignIn_IsNotALogin()
    {
        var id = await _host.CreateUserAsync("gus@example.com");
        await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync("gus@example.com", IdentityHost.Password, false, false));
        _host.Journal.Clear();

        await _host.RequestAsync(async request => await request.SignIn.RefreshSignInAsync(await request.UserAsync(id)));

        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ChangePassword_SendsPasswordChangedOnly()
    {
        var id = await _host.CreateUserAsync("hal@example.com");

        var result = await _host.RequestAsync(async request => await request.Users.ChangePasswordAsync(await request.UserAsync(id), IdentityHost.Password, "New-password-42"));

        Assert.True(result.Succeeded);
        Assert.Equal(["PasswordChanged"], _host.Journal.Names);
        Assert.Equal(id, _host.Journal.Single<PasswordChanged<AppUser>>().User.Id);
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_SendsNothing()
    {
        var id = await _host.CreateUserAsync("ida@example.com");

        var result = await _host.RequestAsync(async request => await request.Users.ChangePasswordAsync(await request.UserAsync(id), "Not-it-123", "New-password-42"));

        Assert.False(result.Succeeded);
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ResetPassword_SendsPasswordResetThenThePasswordResetStep_NeverPasswordSet()
    {
        var id = await _host.CreateUserAsync("jon@example.com");
        var token = await _host.RequestAsync(async request => await request.Users.GeneratePasswordResetTokenAsync(await request.UserAsync(id)));

        var result = await _host.RequestAsync(async request => await request.Users.ResetPasswordAsync(await request.UserAsync(id), token, "Reset-password-7"));

        Assert.True(result.Succeeded);
        Assert.Equal(["PasswordReset", "AuthenticationStepCompleted"], _host.Journal.Names);
        Assert.Equal(new PasswordResetStep("jon@example.com", null), _host.Journal.Single<AuthenticationStepCompleted<AppUser>>().Step);
    }

    [Fact]
    public async Task FirstPassword_OnAnAccountWithoutOne_SendsPasswordSetOnly()
    {
        var id = await _host.CreateUserAsync("kim@example.com", password: null);

        var result = await _host.RequestAsync(async request => await request.Users.AddPasswordAsync(await request.UserAsync(id), IdentityHost.Password));

        Assert.True(result.Succeeded);
        Assert.Equal(["PasswordSet"], _host.Journal.Names);

        // A second AddPassword fails (the user has one now) and sends nothing.
        _host.Journal.Clear();
        var again = await _host.RequestAsync(async request => await request.Users.AddPasswordAsync(await request.UserAsync(id), IdentityHost.Password));
        Assert.False(again.Succeeded);
        Assert.Empty(_host.Journal.Signals);
    }

    private async Task<MfaStep> LogInWithAuthenticatorAsync(string userName, string key)
    {
        Assert.True((await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync(userName, IdentityHost.Password, false, false))).RequiresTwoFactor);
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        Assert.True((await _host.RequestAsync(request => request.SignIn.TwoFactorAuthenticatorSignInAsync(code, false, false))).Succeeded);
        return LastMfaStep();
    }

    private async Task<MfaStep> LogInWithRecoveryCodeAsync(string userName, string code)
    {
        Assert.True((await _host.RequestAsync(request => request.SignIn.PasswordSignInAsync(userName, IdentityHost.Password, false, false))).RequiresTwoFactor);
        Assert.True((await _host.RequestAsync(request => request.SignIn.TwoFactorRecoveryCodeSignInAsync(code))).Succeeded);
        return LastMfaStep();
    }

    private MfaStep LastMfaStep()
    {
        var step = _host.Journal.Signals.OfType<AuthenticationStepCompleted<AppUser>>().Select(signal => signal.Step).OfType<MfaStep>().Last();
        _host.Journal.Clear();
        return step;
    }

    [Fact]
    public async Task OutsideARequest_NothingIsSent()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(new AppUser { UserName = "seed@example.com", Email = "seed@example.com" }, IdentityHost.Password);

        Assert.True(result.Succeeded);
        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public void ReceiversOfAnotherUserType_FailAtStartUp()
    {
        // This application's receivers declare AppUser; a sender for any other user type would never call them.
        var exception = Assert.Throws<InvalidOperationException>(() => UserTypeCheck<IdentityUser>.Verify());
        Assert.Contains(typeof(AppUser).FullName!, exception.Message, StringComparison.Ordinal);
        UserTypeCheck<AppUser>.Verify();
    }
}
