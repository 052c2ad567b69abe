using System;
using System.Threading;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Http;
using SignalGen;
using SignalGen.Identity;

namespace AuthSample.Receivers;

/// <summary>The user's profile: created on signup, upgraded to a premium trial when the primary address is confirmed.</summary>
public sealed class ProfileReceivers(AppDbContext db, TimeProvider time)
{
    /// <summary>How long the premium trial lasts.</summary>
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(30);

    /// <summary>Creates the profile with the signup IP and the referral the visitor arrived with.</summary>
    [Receiver(Signal.UserSignedUp)]
    public async Task CreateProfileAsync(HttpContext request, AppUser user, CancellationToken cancellationToken)
    {
        db.Profiles.Add(new Profile
        {
            UserId = user.Id,
            SignedUpAt = time.GetUtcNow(),
            SignupIp = request.Connection.RemoteIpAddress?.ToString(),
            Referral = Referrals.Read(request),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Starts the 30-day premium trial the first time a primary address is confirmed.</summary>
    [Receiver(Signal.EmailConfirmed)]
    public async Task StartTrialAsync(EmailAddress emailAddress, CancellationToken cancellationToken)
    {
        if (!emailAddress.Primary || await db.Profiles.FindAsync([emailAddress.UserId], cancellationToken) is not { } profile)
        {
            return;
        }

        profile.PremiumTrialEndsAt ??= time.GetUtcNow() + TrialLength;
        await db.SaveChangesAsync(cancellationToken);
    }
}
