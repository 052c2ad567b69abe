using System;
using System.Threading;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Http;
using SignalGen;
using SignalGen.Identity;

namespace AuthSample.Receivers;

/// <summary>Login activity and second-factor use.</summary>
public sealed class ActivityReceivers(AppDbContext db, TimeProvider time)
{
    /// <summary>Records each login with its IP address and user agent.</summary>
    [Receiver(Signal.UserLoggedIn)]
    public async Task RecordLoginAsync(HttpContext request, AppUser user, CancellationToken cancellationToken)
    {
        db.LoginActivity.Add(new LoginActivity
        {
            UserId = user.Id,
            At = time.GetUtcNow(),
            IpAddress = request.Connection.RemoteIpAddress?.ToString(),
            UserAgent = request.Request.Headers.UserAgent.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records an authentication step made with a second factor (authenticator app, recovery code, passkey).</summary>
    [Receiver(Signal.AuthenticationStepCompleted)]
    public async Task RecordMfaAsync(AppUser user, AuthenticationStep step, CancellationToken cancellationToken)
    {
        if (step is not MfaStep mfa)
        {
            return;
        }

        db.MfaUses.Add(new MfaUse { UserId = user.Id, At = time.GetUtcNow(), Type = Name(mfa.Type) });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Name(MfaType type) => type switch
    {
        MfaType.Totp => "totp",
        MfaType.RecoveryCodes => "recovery_codes",
        MfaType.Passkey => "webauthn",
        _ => type.ToString(),
    };
}
