using System;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Durable;

/// <summary>
/// How a durable receiver's message stores a value that must not be stored as it is, such as a user entity:
/// as a small stand-in (its id), made when the message is staged and turned back into the value when the
/// worker runs the receiver. A library declares one for its schema's type parameter with
/// <see cref="DurableStoredFormAttribute"/>; the generated code calls these members directly.
/// </summary>
/// <typeparam name="TSelf">The stored form itself.</typeparam>
public interface IStoredForm<TSelf>
    where TSelf : IStoredForm<TSelf>
{
    /// <summary>The stored form of <paramref name="value"/>, made when a send stages the message.</summary>
    /// <typeparam name="TValue">The value's type (the application's type argument, such as its user type).</typeparam>
    /// <param name="value">The value the receiver binds.</param>
    /// <param name="services">The sender's service provider.</param>
    /// <param name="cancellationToken">The send's token.</param>
    static abstract ValueTask<TSelf> StoreAsync<TValue>(TValue value, IServiceProvider services, CancellationToken cancellationToken)
        where TValue : class;

    /// <summary>
    /// The value again, when the worker runs the receiver, or null when it no longer exists (a user deleted
    /// in between): the receiver is then not called, and the message counts as handled.
    /// </summary>
    /// <typeparam name="TValue">The value's type.</typeparam>
    /// <param name="stored">The stored form.</param>
    /// <param name="services">The worker's scoped service provider.</param>
    /// <param name="cancellationToken">The worker's token.</param>
    static abstract ValueTask<TValue?> LoadAsync<TValue>(TSelf stored, IServiceProvider services, CancellationToken cancellationToken)
        where TValue : class;
}

/// <summary>
/// Declares the stored form of a generic schema's type parameter (<c>TUser</c>): durable receivers in
/// applications that reference this assembly store the value as <see cref="StoredForm"/>, not as itself.
/// </summary>
/// <param name="sender">The schema's generated sender, unbound (<c>typeof(Signals&lt;&gt;)</c>).</param>
/// <param name="storedForm">A type implementing <see cref="IStoredForm{TSelf}"/>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class DurableStoredFormAttribute(Type sender, Type storedForm) : Attribute
{
    /// <summary>The schema's generated sender.</summary>
    public Type Sender { get; } = sender;

    /// <summary>The stored form of the schema's type parameter.</summary>
    public Type StoredForm { get; } = storedForm;
}
