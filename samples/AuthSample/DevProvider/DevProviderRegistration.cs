using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthSample.DevProvider;

/// <summary>Registers the development login provider.</summary>
public static class DevProviderRegistration
{
    /// <summary>Adds the provider as an external login scheme named <see cref="DevProviderOptions.Scheme"/>.</summary>
    public static AuthenticationBuilder AddDevProvider(this AuthenticationBuilder builder)
    {
        builder.Services.TryAddSingleton<DevProviderCodes>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<DevProviderOptions>, StateFormat>());
        return builder.AddRemoteScheme<DevProviderOptions, DevProviderHandler>(DevProviderOptions.Scheme, "Dev provider", options =>
        {
            // The whole round trip stays on this site, so a Lax cookie works on plain-HTTP localhost too.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // A refused, forged or expired answer ends on a page that says so, not on an exception.
            options.Events = new RemoteAuthenticationEvents
            {
                OnRemoteFailure = context =>
                {
                    context.Response.Redirect(context.Request.PathBase + "/Account/ExternalLogin?handler=Failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>Protects the state the consent page carries, as the OAuth handlers' post-configuration does.</summary>
    private sealed class StateFormat(IDataProtectionProvider dataProtection) : IPostConfigureOptions<DevProviderOptions>
    {
        public void PostConfigure(string? name, DevProviderOptions options)
        {
            options.DataProtectionProvider ??= dataProtection;
            options.StateDataFormat ??= new PropertiesDataFormat(
                options.DataProtectionProvider.CreateProtector(typeof(DevProviderHandler).FullName!, name ?? "", "v1"));
        }
    }
}
