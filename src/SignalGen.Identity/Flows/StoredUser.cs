using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Durable;
using SignalGen.Identity;

[assembly: DurableStoredForm(typeof(Signals<>), typeof(StoredUser))]

namespace SignalGen.Identity;

/// <summary>
/// How a durable receiver's message stores the user of a catalogue signal: by its id, not as the entity.
/// The entity carries the password hash and the security stamp, which have no place in a message store (or
/// on a broker's wire), and would be stale by the time the worker runs; the worker loads the user again
/// with <see cref="UserManager{TUser}.FindByIdAsync"/>. A user deleted in between is not loaded, and the
/// receiver is not run.
/// </summary>
/// <param name="Id">The user's id, as <see cref="UserManager{TUser}.GetUserIdAsync"/> gives it.</param>
public sealed record StoredUser(string Id) : IStoredForm<StoredUser>
{
    /// <inheritdoc/>
    public static async ValueTask<StoredUser> StoreAsync<TValue>(TValue value, IServiceProvider services, CancellationToken cancellationToken)
        where TValue : class =>
        new(await services.GetRequiredService<UserManager<TValue>>().GetUserIdAsync(value).ConfigureAwait(false));

    /// <inheritdoc/>
    public static async ValueTask<TValue?> LoadAsync<TValue>(StoredUser stored, IServiceProvider services, CancellationToken cancellationToken)
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(stored);
        return await services.GetRequiredService<UserManager<TValue>>().FindByIdAsync(stored.Id).ConfigureAwait(false);
    }
}
