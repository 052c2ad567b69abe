using System;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace AuthSample.DevProvider;

/// <summary>The identity the user picked on the consent page.</summary>
/// <param name="Uid">The user's id at the provider.</param>
/// <param name="Email">The address the provider vouches for.</param>
/// <param name="Name">The display name.</param>
public sealed record DevIdentity(string Uid, string Email, string Name);

/// <summary>
/// The authorization code the consent page hands back: the identity and the login attempt's state, protected with
/// data protection and valid for two minutes. The callback only accepts a code the app's own consent page issued
/// for that same attempt, so a code cannot be replayed with another attempt's state.
/// </summary>
public sealed class DevProviderCodes(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("AuthSample.DevProvider.Code").ToTimeLimitedDataProtector();

    /// <summary>Issues a code for the identity, bound to the attempt's state.</summary>
    public string Issue(DevIdentity identity, string state) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(identity, state)), TimeSpan.FromMinutes(2));

    /// <summary>The identity a code carries, or null when it is forged, expired or issued for another attempt.</summary>
    public DevIdentity? Redeem(string code, string state)
    {
        try
        {
            return JsonSerializer.Deserialize<Payload>(_protector.Unprotect(code)) is { } payload && payload.State == state ? payload.Identity : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private sealed record Payload(DevIdentity Identity, string State);
}
