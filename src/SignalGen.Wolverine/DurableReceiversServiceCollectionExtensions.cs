using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalGen.Durable;
using SignalGen.Wolverine;
using Wolverine;

// In the namespace of IServiceCollection, where AddSignals() and AddDbContext() are found.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds durable SignalGen receivers, run by Wolverine.</summary>
public static class DurableReceiversServiceCollectionExtensions
{
    /// <summary>
    /// Runs the application's durable receivers (<c>[Receiver(..., Durable = true)]</c>) on Wolverine: a send
    /// stages each one's message in the transaction open on <typeparamref name="TContext"/> (or stores it at
    /// once when none is open), and Wolverine's worker runs the receiver from it, inside a transaction on
    /// <typeparamref name="TContext"/> that also marks the message handled.
    /// </summary>
    /// <remarks>
    /// Call it beside <c>AddSignals()</c> and <c>AddDbContext&lt;TContext&gt;()</c>, in any order, and set up
    /// Wolverine with a message store in the same database as <typeparamref name="TContext"/>, for example
    /// <c>builder.UseWolverine(opts =&gt; opts.PersistMessagesWithSqlite(connectionString))</c>
    /// (see docs/durable-receivers.md).
    /// </remarks>
    /// <typeparam name="TContext">The application's <see cref="DbContext"/>, whose transactions messages are staged in.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the queue name, the retry delays or the route.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">It was called before, with another <typeparamref name="TContext"/>: messages are staged in one context's transactions.</exception>
    public static IServiceCollection AddSignalGenDurableReceivers<TContext>(this IServiceCollection services, Action<DurableReceiverOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var service in services)
        {
            if (service.ServiceType == typeof(IWolverineExtension) && service.ImplementationType is { IsGenericType: true } registered
                && registered.GetGenericTypeDefinition() == typeof(DurableReceiversExtension<>))
            {
                if (registered != typeof(DurableReceiversExtension<TContext>))
                {
                    throw new InvalidOperationException(
                        $"Durable receivers are already staged in {registered.GetGenericArguments()[0].Name}'s transactions; they cannot also be staged in {typeof(TContext).Name}'s.");
                }

                // Called again: the first call's options stand, and nothing is registered twice.
                return services;
            }
        }

        var options = new DurableReceiverOptions();
        configure?.Invoke(options);

        services.AddSingleton(options);
        services.AddSingleton<IWolverineExtension, DurableReceiversExtension<TContext>>();
        services.TryAddScoped<WolverineDurableReceiverOutbox<TContext>>();
        services.TryAddScoped<IDurableReceiverOutbox>(provider => provider.GetRequiredService<WolverineDurableReceiverOutbox<TContext>>());
        services.ConfigureDbContext<TContext>((provider, builder) => builder.AddInterceptors(provider.GetRequiredService<WolverineDurableReceiverOutbox<TContext>>()));
        return services;
    }
}
