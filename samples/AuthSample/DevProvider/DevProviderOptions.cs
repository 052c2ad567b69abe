using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace AuthSample.DevProvider;

/// <summary>The development login provider: an identity provider that runs inside the app, for trying social login offline.</summary>
public sealed class DevProviderOptions : RemoteAuthenticationOptions
{
    /// <summary>The scheme name, which is also Identity's <c>LoginProvider</c>.</summary>
    public const string Scheme = "DevProvider";

    /// <summary>The provider's consent page, where the user picks the identity to log in with.</summary>
    public PathString AuthorizePath { get; set; } = "/dev-provider/authorize";

    /// <summary>Protects the state the consent page carries back; set by post-configuration when left null.</summary>
    public ISecureDataFormat<AuthenticationProperties> StateDataFormat { get; set; } = null!;

    /// <summary>Creates the options with the callback path the consent page returns to.</summary>
    public DevProviderOptions()
    {
        CallbackPath = "/signin-dev";
    }
}
