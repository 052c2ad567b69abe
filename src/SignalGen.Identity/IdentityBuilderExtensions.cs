using System;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SignalGen.Identity;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SignalGen.Identity to an ASP.NET Core Identity setup.</summary>
public static class SignalGenIdentityBuilderExtensions
{
    /// <summary>
    /// Sends django-allauth's authentication signals from Identity's flows: replaces the user and sign-in
    /// managers with <see cref="SignalingUserManager{TUser}"/> and <see cref="SignalingSignInManager{TUser}"/>,
    /// and adds <see cref="EmailAddressManager{TUser}"/>, whose addresses <typeparamref name="TContext"/> stores
    /// (map them with <c>modelBuilder.MapEmailAddresses()</c> and create the table with a migration: the app does not
    /// start while its fully migrated database lacks it). Confirmation messages that Identity's pages and endpoints
    /// send through the app's own e-mail sender send <c>EmailConfirmationSent</c> when their request completes.
    /// Receivers are registered by the application's own generated <c>services.AddSignals()</c>.
    /// </summary>
    /// <typeparam name="TContext">The application's context, the one passed to <c>AddEntityFrameworkStores</c>.</typeparam>
    /// <param name="builder">The Identity builder.</param>
    /// <returns>The same builder.</returns>
    public static IdentityBuilder AddSignals<TContext>(this IdentityBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var userType = builder.UserType;
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<IEmailAddressStore, EmailAddressStore<TContext>>();
        builder.Services.TryAddSingleton<EmailAddressTable<TContext>>();
        builder.Services.TryAddScoped(typeof(UserEmailAddresses<>).MakeGenericType(userType));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IHostedService), typeof(EmailAddressTableStartupCheck<,>).MakeGenericType(typeof(TContext), userType)));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, AfterRequestSignalsStartupFilter>());

        // Identity registers its managers by the user type it only knows at run time, as its own Add*Manager methods do.
        Replace(builder.Services, typeof(UserManager<>).MakeGenericType(userType), typeof(SignalingUserManager<>).MakeGenericType(userType));
        Replace(builder.Services, typeof(SignInManager<>).MakeGenericType(userType), typeof(SignalingSignInManager<>).MakeGenericType(userType));
        var emailManager = typeof(EmailAddressManager<>).MakeGenericType(userType);
        builder.Services.TryAddScoped(emailManager);
        builder.Services.AddScoped(typeof(IUserValidator<>).MakeGenericType(userType), typeof(AddressOwnerValidator<>).MakeGenericType(userType));
        return builder;
    }

    /// <summary>Makes <paramref name="identityType"/> resolve to <paramref name="signalingType"/>, reachable by both names.</summary>
    private static void Replace(IServiceCollection services, Type identityType, Type signalingType)
    {
        services.AddScoped(identityType, signalingType);
        services.AddScoped(signalingType, provider => provider.GetRequiredService(identityType));
    }
}
