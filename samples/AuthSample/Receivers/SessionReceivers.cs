using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using SignalGen;
using SignalGen.Identity;

namespace AuthSample.Receivers;

/// <summary>Signs out the user's other sessions when the password changes.</summary>
public sealed class SessionReceivers(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    /// <summary>
    /// A new security stamp invalidates every cookie issued with the old one (the security stamp validator
    /// checks it on each request, see AuthSampleApp); re-issuing this request's cookie keeps the current session.
    /// ChangePasswordAsync already renews the stamp; renewing it here says so instead of relying on it.
    /// </summary>
    [Receiver(Signal.PasswordChanged)]
    public async Task SignOutOtherSessionsAsync(AppUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
    }
}
