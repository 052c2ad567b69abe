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
/// The authorization code the consent page hands back: the identity, protected with data protection and
/// valid for two minutes, so the callback only accepts what the app's own consent page issued.
/// </summary>
public sealed class DevProviderCodes(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("AuthSample.DevProvider.Code").ToTimeLimitedDataProtector();

    /// <summary>Issues a code for the identity.</summary>
    public string Issue(DevIdentity identity) =>
        _protector.Protect(JsonSerializer.Serialize(identity), TimeSpan.FromMinutes(2));

    /// <summary>The identity a code carries, or null when it is forged or expired.</summary>
    public DevIdentity? Redeem(string code)
    {
        try
        {
            return JsonSerializer.Deserialize<DevIdentity>(_protector.Unprotect(code));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
