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
    /// <param name="configure">Changes the queue name or the retry delays.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSignalGenDurableReceivers<TContext>(this IServiceCollection services, Action<DurableReceiverOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
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
