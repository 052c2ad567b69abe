using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The rows of docs/identity.md's table: one per thing a user does on the hosts' pages and endpoints, in table order.</summary>
public enum FlowRow
{
    Register,
    RegisterWithNoOpSender,
    ConfirmEmail,
    InvalidConfirmationLink,
    LogInWithPassword,
    LogInWithBearerToken,
    RefreshToken,
    FailedLogIn,
    FailedLogInUnknownUser,
    FailedLogInAtTheLockoutLimit,
    LogInWhileLockedOut,
    LogOut,
    ChangePassword,
    ChangeEmail,
    ConfirmEmailChange,
    ForgotPassword,
    ResetPassword,
    InvalidResetLink,
    ResendConfirmation,
    EnableTwoFactor,
    LogInWithPasswordTwoFactorOn,
    WrongAuthenticatorCode,
    LogInWithAuthenticatorCode,
    LogInWithRecoveryCode,
    ResetRecoveryCodes,
    DisableTwoFactor,
    DeleteAccount,
    ExternalSignUpCallback,
    ExternalSignUpRegister,
    ExternalLogIn,
    SetPassword,
    ConnectExternalLogin,
    RemoveExternalLogin,
    AddPasskey,
    RenamePasskey,
    LogInWithPasskey,
    RemovePasskey,
}

public static class FlowRows
{
    private static readonly Dictionary<FlowRow, string> Texts = new()
    {
        [FlowRow.Register] = "Register (local account)",
        [FlowRow.RegisterWithNoOpSender] = "Register, with the template's no-op e-mail sender (the confirmation page shows the link)",
        [FlowRow.ConfirmEmail] = "Confirm the address (link from the mail)",
        [FlowRow.InvalidConfirmationLink] = "Confirm with a link whose code is wrong",
        [FlowRow.LogInWithPassword] = "Log in with password (cookie)",
        [FlowRow.LogInWithBearerToken] = "Log in with password (bearer token)",
        [FlowRow.RefreshToken] = "Refresh the bearer token",
        [FlowRow.FailedLogIn] = "Log in with a wrong password",
        [FlowRow.FailedLogInUnknownUser] = "Log in as a user who does not exist",
        [FlowRow.FailedLogInAtTheLockoutLimit] = "Log in with a wrong password, the attempt that reaches the lockout limit (5)",
        [FlowRow.LogInWhileLockedOut] = "Log in with the right password after that",
        [FlowRow.LogOut] = "Log out",
        [FlowRow.ChangePassword] = "Change password",
        [FlowRow.ChangeEmail] = "Change e-mail (mail to the new address)",
        [FlowRow.ConfirmEmailChange] = "Confirm the new address (link from the mail)",
        [FlowRow.ForgotPassword] = "Forgot password (reset mail)",
        [FlowRow.ResetPassword] = "Reset password",
        [FlowRow.InvalidResetLink] = "Reset password with a link whose code is wrong",
        [FlowRow.ResendConfirmation] = "Resend the confirmation mail",
        [FlowRow.EnableTwoFactor] = "Enable 2FA (authenticator app)",
        [FlowRow.LogInWithPasswordTwoFactorOn] = "Log in with password, 2FA on",
        [FlowRow.WrongAuthenticatorCode] = "Second factor: a wrong authenticator code",
        [FlowRow.LogInWithAuthenticatorCode] = "Second factor: authenticator code",
        [FlowRow.LogInWithRecoveryCode] = "Second factor: recovery code",
        [FlowRow.ResetRecoveryCodes] = "New recovery codes",
        [FlowRow.DisableTwoFactor] = "Disable 2FA",
        [FlowRow.DeleteAccount] = "Delete the account",
        [FlowRow.ExternalSignUpCallback] = "External sign-up: back from the provider",
        [FlowRow.ExternalSignUpRegister] = "External sign-up: register the account",
        [FlowRow.ExternalLogIn] = "External log-in (connected account)",
        [FlowRow.SetPassword] = "Set a password (account made by external sign-up)",
        [FlowRow.ConnectExternalLogin] = "Connect an external login (manage page)",
        [FlowRow.RemoveExternalLogin] = "Remove an external login",
        [FlowRow.AddPasskey] = "Add a passkey (manage page)",
        [FlowRow.RenamePasskey] = "Rename the passkey",
        [FlowRow.LogInWithPasskey] = "Log in with a passkey",
        [FlowRow.RemovePasskey] = "Delete the passkey",
    };

    public static string Text(this FlowRow row) => Texts[row];

    public static IEnumerable<FlowRow> All => Enum.GetValues<FlowRow>().OrderBy(row => (int)row);
}
